package com.claribi.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key a client address is counted and recognised under: an IPv4 address as it is, an IPv6 address as its /64
 * (the block one subscriber usually holds, so rotating addresses within it gains nothing), an IPv4-mapped IPv6
 * address as the IPv4 address it carries. Every budget by address and the login's "signed in from here before"
 * use it, so they agree on what one client is.
 */
public final class AddressKeys {

    private AddressKeys() {}

    public static String of(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            // A literal only (checked above): no name is ever looked up.
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet4Address) {
                return parsed.getHostAddress();
            }
            return HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            // Not an address literal: count it as given.
            return address;
        }
    }
}
