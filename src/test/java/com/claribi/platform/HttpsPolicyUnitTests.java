package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The external address of the server as links and the Origin check see it. */
class HttpsPolicyUnitTests {

    private static HttpsPolicy policy(String tls, String trustedProxies) {
        return new HttpsPolicy(new PlatformProperties(
                8443, "off", Path.of("."), tls, null, null, trustedProxies, null, null, null, null));
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
}
