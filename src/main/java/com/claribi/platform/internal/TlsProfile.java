package com.claribi.platform.internal;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;

/**
 * Mozilla's "intermediate" server-side TLS configuration (https://wiki.mozilla.org/Security/Server_Side_TLS, version
 * 5.7): TLS 1.2 and 1.3 only, AEAD cipher suites only, in the server's order, on the groups X25519, P-256 and P-384.
 * The finite-field DHE suites the profile also allows are left out: every client of this decade has ECDHE.
 */
final class TlsProfile {

    /** For Spring Boot's {@code Ssl}, which passes them to the JDK as the enabled protocols. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** TLS 1.2, in Mozilla's order: forward secrecy and AEAD only, so no CBC suite (LUCKY13) and no static RSA. */
    static final String TLS12_CIPHERS = String.join(
            ":",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** TLS 1.3 (all of its suites are AEAD). */
    static final String TLS13_CIPHER_SUITES =
            String.join(":", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** Key exchange groups; without this the JDK also offers P-521, X448 and the finite-field groups. */
    static final String GROUPS = String.join(",", "x25519", "secp256r1", "secp384r1");

    private TlsProfile() {}

    /**
     * Applies the profile to the HTTPS connector (the plain-HTTP one has no TLS configuration to change); the protocols
     * are Spring Boot's {@code Ssl} setting.
     */
    static void apply(Connector connector) {
        for (SSLHostConfig host : connector.findSslHostConfigs()) {
            host.setCiphers(TLS12_CIPHERS);
            host.setCipherSuites(TLS13_CIPHER_SUITES);
            host.setGroups(GROUPS);
            host.setHonorCipherOrder(true);
        }
    }
}
