package com.claribi.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** The key a client address is counted under. */
final class AddressKeys {

    private AddressKeys() {}

    /** IPv6 clients are counted per /64, the block one subscriber usually holds, so rotating addresses gains nothing. */
    static String of(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
        } catch (UnknownHostException e) {
            // Not an address literal: count it as given.
        }
        return address;
    }
}
