package com.claribi.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request arrived over HTTPS and which address the client has: the connection itself with TLS on;
 * with {@code CLARIBI_TLS=off}, the {@code X-Forwarded-*} headers of a proxy in {@code CLARIBI_TRUSTED_PROXIES}.
 */
@Component
public final class HttpsPolicy {

    private static final String TRUSTED_PROXY = HttpsPolicy.class.getName() + ".trustedProxy";

    private final boolean tls;
    private final List<IpAddressMatcher> trustedProxies;

    HttpsPolicy(PlatformProperties properties) {
        this.tls = properties.tlsEnabled();
        this.trustedProxies = Arrays.stream(properties.trustedProxies().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    public boolean isHttps(HttpServletRequest request) {
        if (tls) {
            return request.isSecure();
        }
        return fromTrustedProxy(request) && "https".equalsIgnoreCase(first(request.getHeader("X-Forwarded-Proto")));
    }

    /**
     * The client's address, in one canonical form ({@link IpAddresses}): the connection's peer, or the nearest untrusted
     * hop named by a trusted proxy in {@code X-Forwarded-For}, with a port ({@code 192.0.2.1:5555},
     * {@code [2001:db8::1]:5555}) stripped. A forwarded value that is not an IP address is never believed: the
     * connection's address stands in for it, so whatever a proxy passes on, every use of the address (budgets, audit,
     * activity log) gets a valid, bounded one.
     */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String canonicalPeer = IpAddresses.canonical(peer);
        String connection = canonicalPeer != null ? canonicalPeer : peer.length() > 64 ? peer.substring(0, 64) : peer;
        if (!fromTrustedProxy(request)) {
            return connection;
        }
        // Every X-Forwarded-For line, in order (RFC 9110 5.3: the same as one comma-separated line): a proxy that
        // appends its own line after a client's (HAProxy's "option forwardfor") must be read from its own line.
        String forwarded = String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")));
        if (forwarded.isBlank()) {
            return connection;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            String address = IpAddresses.canonical(hop);
            if (address == null) {
                return connection;
            }
            if (!trusted(address)) {
                return address;
            }
        }
        String first = IpAddresses.canonical(hops[0]);
        return first != null ? first : connection;
    }

    /**
     * Records on the request whether it came from a trusted proxy, for {@link #externalBase} and
     * {@link #externalHost}; the HTTPS filter calls it first thing on every request. A request attribute cannot be set
     * by the client.
     */
    public void classify(HttpServletRequest request) {
        if (fromTrustedProxy(request)) {
            request.setAttribute(TRUSTED_PROXY, Boolean.TRUE);
        } else {
            request.removeAttribute(TRUSTED_PROXY);
        }
    }

    /**
     * The scheme, host and port clients use to reach this server, for absolute links and the {@code Origin} check:
     * always {@code https}. From a trusted proxy, the host and port it names ({@code X-Forwarded-Host}, with a port
     * there or in {@code X-Forwarded-Port}, else 443); otherwise the host the client asked for (Host header), with
     * the port when TLS is on here, without the internal port behind a proxy.
     */
    public static String externalBase(HttpServletRequest request) {
        int port = request.isSecure() ? request.getServerPort() : 443;
        if (viaTrustedProxy(request)) {
            HostAndPort forwarded = HostAndPort.parse(first(request.getHeader("X-Forwarded-Host")));
            if (forwarded != null) {
                port = forwarded.port() == null ? 443 : forwarded.port();
            }
            Integer forwardedPort = HostAndPort.port(first(request.getHeader("X-Forwarded-Port")));
            if (forwardedPort != null) {
                port = forwardedPort;
            }
        }
        return "https://" + externalHost(request) + (port == 443 ? "" : ":" + port);
    }

    /**
     * The host clients use to reach this server, as it goes in a URL (an IPv6 address in brackets): from a trusted
     * proxy, the host of {@code X-Forwarded-Host} when it names a valid one; otherwise the Host header's.
     */
    public static String externalHost(HttpServletRequest request) {
        String host = request.getServerName();
        if (viaTrustedProxy(request)) {
            HostAndPort forwarded = HostAndPort.parse(first(request.getHeader("X-Forwarded-Host")));
            if (forwarded != null) {
                host = forwarded.host();
            }
        }
        host = HostAndPort.unbracketed(host);
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static boolean viaTrustedProxy(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(TRUSTED_PROXY));
    }

    /** A host (without brackets) and an optional port, from a {@code Host}-style header value. */
    record HostAndPort(String host, @Nullable Integer port) {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,252})?");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

        static @Nullable HostAndPort parse(String value) {
            if (value.isEmpty()) {
                return null;
            }
            String host;
            String port = null;
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 0) {
                    return null;
                }
                host = value.substring(1, close);
                String rest = value.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return null;
                    }
                    port = rest.substring(1);
                }
                if (!IPV6.matcher(host).matches()) {
                    return null;
                }
            } else if (value.indexOf(':') != value.lastIndexOf(':')) {
                host = value; // a bare IPv6 address
                if (!IPV6.matcher(host).matches()) {
                    return null;
                }
            } else {
                int colon = value.indexOf(':');
                host = colon < 0 ? value : value.substring(0, colon);
                port = colon < 0 ? null : value.substring(colon + 1);
                if (!NAME.matcher(host).matches()) {
                    return null;
                }
            }
            Integer number = port == null ? null : port(port);
            if (port != null && number == null) {
                return null;
            }
            return new HostAndPort(host, number);
        }

        static @Nullable Integer port(String value) {
            if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int port = Integer.parseInt(value);
            return port >= 1 && port <= 65535 ? port : null;
        }

        static String unbracketed(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }
    }

    /** Whether the connection comes from one of {@code CLARIBI_TRUSTED_PROXIES}. */
    public boolean fromTrustedProxy(HttpServletRequest request) {
        return trusted(request.getRemoteAddr());
    }

    private boolean trusted(String address) {
        for (IpAddressMatcher matcher : trustedProxies) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static String first(@Nullable String header) {
        if (header == null) {
            return "";
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
