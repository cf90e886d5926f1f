package com.claribi.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request arrived over HTTPS and which address the client has: the connection itself with TLS on;
 * with {@code CLARIBI_TLS=off}, the {@code X-Forwarded-*} headers of a proxy in {@code CLARIBI_TRUSTED_PROXIES}.
 */
@Component
public final class HttpsPolicy {

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

    /** The client's address: the connection's peer, or the nearest untrusted hop named by a trusted proxy. */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!fromTrustedProxy(request)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    /**
     * The scheme, host and port clients use to reach this server, for absolute links: always {@code https}, with the
     * host the client asked for (Host header); behind a proxy, without the internal port.
     */
    public static String externalBase(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        int port = request.isSecure() ? request.getServerPort() : 443;
        return "https://" + host + (port == 443 ? "" : ":" + port);
    }

    private boolean fromTrustedProxy(HttpServletRequest request) {
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

    private static String first(String header) {
        if (header == null) {
            return "";
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
