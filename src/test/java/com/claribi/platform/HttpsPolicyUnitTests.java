package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The external address of the server as links and the Origin check see it, and the client's address. */
class HttpsPolicyUnitTests {

    private static HttpsPolicy policy(String tls, String trustedProxies) {
        return new HttpsPolicy(TestPlatformProperties.of(tls, trustedProxies, Duration.ofMinutes(15)));
    }

    private static MockHttpServletRequest request(String remote, String host, int port, boolean secure) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/health/");
        request.setRemoteAddr(remote);
        request.setServerName(host);
        request.setServerPort(port);
        request.setSecure(secure);
        return request;
    }

    @Test
    void withTlsOnTheHostAndPortAsked() {
        MockHttpServletRequest request = request("192.0.2.1", "claribi.test", 8443, true);
        policy("on", "").classify(request);
        assertThat(HttpsPolicy.externalBase(request)).isEqualTo("https://claribi.test:8443");
    }

    @Test
    void ipv6HostAlreadyInBracketsIsBracketedOnce() {
        MockHttpServletRequest request = request("192.0.2.1", "[::1]", 8443, true);
        policy("on", "").classify(request);
        assertThat(HttpsPolicy.externalBase(request)).isEqualTo("https://[::1]:8443");
        MockHttpServletRequest bare = request("192.0.2.1", "::1", 443, true);
        policy("on", "").classify(bare);
        assertThat(HttpsPolicy.externalBase(bare)).isEqualTo("https://[::1]");
    }

    @Test
    void trustedProxyForwardedHostAndPortAreUsed() {
        MockHttpServletRequest request = request("10.0.0.5", "backend", 8080, false);
        request.addHeader("X-Forwarded-Host", "claribi.example.com, inner.example");
        request.addHeader("X-Forwarded-Port", "8443");
        policy("off", "10.0.0.0/8").classify(request);
        assertThat(HttpsPolicy.externalBase(request)).isEqualTo("https://claribi.example.com:8443");
        assertThat(HttpsPolicy.externalHost(request)).isEqualTo("claribi.example.com");
    }

    @Test
    void trustedProxyForwardedIpv6HostWithPort() {
        MockHttpServletRequest request = request("10.0.0.5", "backend", 8080, false);
        request.addHeader("X-Forwarded-Host", "[2001:db8::1]:9443");
        policy("off", "10.0.0.0/8").classify(request);
        assertThat(HttpsPolicy.externalBase(request)).isEqualTo("https://[2001:db8::1]:9443");
    }

    @Test
    void trustedProxyWithoutForwardedPortMeans443() {
        MockHttpServletRequest request = request("10.0.0.5", "backend", 8080, false);
        request.addHeader("X-Forwarded-Host", "claribi.example.com");
        policy("off", "10.0.0.0/8").classify(request);
        assertThat(HttpsPolicy.externalBase(request)).isEqualTo("https://claribi.example.com");
    }

    @Test
    void untrustedClientForwardedHeadersAreIgnored() {
        MockHttpServletRequest request = request("192.0.2.1", "claribi.test", 80, false);
        request.addHeader("X-Forwarded-Host", "evil.example");
        request.addHeader("X-Forwarded-Port", "4444");
        policy("off", "10.0.0.0/8").classify(request);
        assertThat(HttpsPolicy.externalBase(request)).isEqualTo("https://claribi.test");
    }

    @Test
    void malformedForwardedValuesAreIgnored() {
        for (String host : new String[] {"evil.example/path", "a b", "[::1", "[::1]x", "host:99999", "host:", "@x"}) {
            MockHttpServletRequest request = request("10.0.0.5", "claribi.test", 80, false);
            request.addHeader("X-Forwarded-Host", host);
            request.addHeader("X-Forwarded-Port", "0");
            policy("off", "10.0.0.0/8").classify(request);
            assertThat(HttpsPolicy.externalBase(request)).as(host).isEqualTo("https://claribi.test");
        }
    }

    private static String clientAddress(String remote, String forwardedFor) {
        MockHttpServletRequest request = request(remote, "claribi.test", 80, false);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return policy("off", "10.0.0.0/8, fd00::/8").clientAddress(request);
    }

    @Test
    void clientAddressWhenForwardedWithPortThenPortStripped() {
        assertThat(clientAddress("10.0.0.5", "198.51.100.7:51234")).isEqualTo("198.51.100.7");
        assertThat(clientAddress("10.0.0.5", "203.0.113.1, 198.51.100.7:443, 10.0.0.9:80"))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void clientAddressWhenForwardedBracketedIpv6WithPortThenAddressOnly() {
        assertThat(clientAddress("10.0.0.5", "[2001:db8::7]:51234")).isEqualTo("2001:db8::7");
        assertThat(clientAddress("10.0.0.5", "[2001:DB8:0:0:0:0:0:7]")).isEqualTo("2001:db8::7");
    }

    @Test
    void clientAddressWhenIpv6ThenOneCanonicalForm() {
        assertThat(clientAddress("10.0.0.5", "2001:0DB8:0000:0000:0001:0000:0000:0001"))
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(clientAddress("10.0.0.5", "2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(clientAddress("10.0.0.5", "::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(clientAddress("0:0:0:0:0:0:0:1", null)).isEqualTo("::1");
        assertThat(clientAddress("fd00:0:0:0:0:0:0:5", "[::FFFF:c633:6407]:8080"))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void clientAddressWhenForwardedValueIsNotAnAddressThenTheConnections() {
        String overLong = "1".repeat(300);
        for (String garbage : new String[] {
            overLong,
            "x".repeat(300),
            "unknown",
            "localhost",
            "example.com",
            "198.51.100.7:99999999",
            "198.51.100",
            "198.51.100.256",
            "010.1.1.1",
            "2001:db8::zz",
            "2001:db8:::1",
            "fe80::1%eth0",
            "[2001:db8::1",
            "[2001:db8::1]x",
            "[198.51.100.7]",
            "198.51.100.7 ; drop table",
            "_",
            "::ffff:" + overLong
        }) {
            assertThat(clientAddress("10.0.0.5", garbage)).as(garbage).isEqualTo("10.0.0.5");
        }
    }

    @Test
    void clientAddressWhenRightmostUntrustedHopIsGarbageThenTheConnectionsNotAnEarlierHop() {
        assertThat(clientAddress("10.0.0.5", "198.51.100.7, not-an-address, 10.0.0.9"))
                .isEqualTo("10.0.0.5");
    }

    @Test
    void clientAddressWhenTheProxyAppendsALineAfterTheClientsThenTheProxysLineCounts() {
        MockHttpServletRequest request = request("10.0.0.5", "claribi.test", 80, false);
        request.addHeader("X-Forwarded-For", "203.0.113.66");
        request.addHeader("X-Forwarded-For", "198.51.100.7");
        assertThat(policy("off", "10.0.0.0/8").clientAddress(request)).isEqualTo("198.51.100.7");
    }

    @Test
    void clientAddressWhenPeerIsNotATrustedProxyThenForwardedIgnored() {
        assertThat(clientAddress("192.0.2.1", "198.51.100.7")).isEqualTo("192.0.2.1");
        assertThat(clientAddress("192.0.2.1", "x".repeat(300))).isEqualTo("192.0.2.1");
    }
}
