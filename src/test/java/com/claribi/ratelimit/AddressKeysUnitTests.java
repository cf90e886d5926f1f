package com.claribi.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The key an address is counted and recognised under: IPv6 per /64, IPv4 as it is. */
class AddressKeysUnitTests {

    @Test
    void ipv6AddressesOfOneSlashSixtyFourShareOneKey() {
        assertThat(AddressKeys.of("2001:db8:1:2::5")).isEqualTo(AddressKeys.of("2001:db8:1:2::9"));
        assertThat(AddressKeys.of("2001:db8:1:2::5")).isEqualTo(AddressKeys.of("2001:0DB8:0001:0002:ffff:1:2:3"));
        assertThat(AddressKeys.of("2001:db8:1:2::5")).isEqualTo("20010db800010002::/64");
    }

    @Test
    void ipv6AddressesOfAnotherSlashSixtyFourHaveAnotherKey() {
        assertThat(AddressKeys.of("2001:db8:1:2::5")).isNotEqualTo(AddressKeys.of("2001:db8:1:3::5"));
    }

    @Test
    void ipv4AddressIsItsOwnKeyAndIpv4MappedIpv6IsTheSame() {
        assertThat(AddressKeys.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AddressKeys.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void valueThatIsNotAnAddressIsCountedAsGivenWithoutLookup() {
        assertThat(AddressKeys.of("local")).isEqualTo("local");
        assertThat(AddressKeys.of("example.com")).isEqualTo("example.com");
        assertThat(AddressKeys.of("fe80::1%eth0")).isEqualTo("fe80::1%eth0");
    }
}
