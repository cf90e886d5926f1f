package com.claribi.platform;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Client addresses as proxies write them ({@code 192.0.2.1}, {@code 192.0.2.1:5555}, {@code 2001:db8::1},
 * {@code [2001:db8::1]:5555}), parsed strictly, without ever asking DNS, into one canonical text: IPv4 dotted quad,
 * IPv6 as RFC 5952 section 4 writes it (lower case, the longest run of zero groups as {@code ::}), an IPv4-mapped
 * IPv6 address as its IPv4 address.
 */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})](?::\\d{1,5})?");
    /** Starts with a hex digit or a colon and has a colon: the JDK parses it as an IPv6 literal, never as a name. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private IpAddresses() {}

    /** The address in {@code value} in canonical form, or null when {@code value} is not one of the forms above. */
    static @Nullable String canonical(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        Matcher withPort = IPV4_WITH_PORT.matcher(text);
        if (withPort.matches()) {
            return ipv4(withPort.group(1));
        }
        Matcher bracketed = BRACKETED_IPV6.matcher(text);
        if (bracketed.matches()) {
            return ipv6(bracketed.group(1));
        }
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        return ipv4(text);
    }

    private static @Nullable String ipv4(String text) {
        Matcher quad = IPV4.matcher(text);
        if (!quad.matches()) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(quad.group(i + 1));
            if (part > 255
                    || (quad.group(i + 1).length() > 1 && quad.group(i + 1).charAt(0) == '0')) {
                return null; // out of range, or a leading zero (some parsers read it as octal)
            }
            bytes[i] = (byte) part;
        }
        return format(bytes);
    }

    private static @Nullable String ipv6(String text) {
        if (!IPV6.matcher(text).matches() || text.indexOf(':') < 0) {
            return null;
        }
        try {
            // In brackets the JDK expects an IPv6 literal and refuses anything else instead of resolving it.
            InetAddress address = InetAddress.getByName("[" + text + "]");
            if (!(address instanceof Inet6Address) && !(address instanceof Inet4Address)) {
                return null;
            }
            return format(address.getAddress());
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // RFC 5952 4.2: the longest run of two or more zero groups (the first of equal runs) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
