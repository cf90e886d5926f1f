package com.claribi.platform.internal;

import com.claribi.platform.DataDirectory;
import com.claribi.platform.PlatformProperties;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS certificate and key: the operator's PEM files, or a self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1} generated once into {@code $CLARIBI_DATA_DIR/tls/} so that clients can pin it.
 */
record TlsMaterial(Path certificate, Path privateKey) {

    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);
    private static final Duration VALIDITY = Duration.ofDays(825);

    static TlsMaterial resolve(PlatformProperties properties, DataDirectory dataDirectory, Clock clock) {
        if (properties.tlsCert() != null && !properties.tlsCert().isBlank()) {
            if (properties.tlsKey() == null || properties.tlsKey().isBlank()) {
                throw new IllegalArgumentException("CLARIBI_TLS_CERT is set but CLARIBI_TLS_KEY is not");
            }
            TlsMaterial given = new TlsMaterial(Path.of(properties.tlsCert()), Path.of(properties.tlsKey()));
            given.requireReadable();
            return given;
        }
        Path dir = dataDirectory.privateSubdirectory("tls");
        TlsMaterial generated = new TlsMaterial(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        if (!Files.exists(generated.certificate)
                || !Files.exists(generated.privateKey)
                || generated.expiresSoon(clock.instant())) {
            generated.generateSelfSigned(clock.instant());
        }
        return generated;
    }

    private void requireReadable() {
        if (!Files.isReadable(certificate)) {
            throw new IllegalArgumentException("CLARIBI_TLS_CERT cannot be read: " + certificate);
        }
        if (!Files.isReadable(privateKey)) {
            throw new IllegalArgumentException("CLARIBI_TLS_KEY cannot be read: " + privateKey);
        }
    }

    private boolean expiresSoon(Instant now) {
        try (var in = Files.newInputStream(certificate)) {
            X509Certificate cert =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return cert.getNotAfter().toInstant().isBefore(now.plus(Duration.ofDays(30)));
        } catch (IOException | GeneralSecurityException e) {
            return true;
        }
    }

    private void generateSelfSigned(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=clariBI self-signed");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(128, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)),
                    subject,
                    pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")
            }));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(pair.getPublic()));
            var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            Files.deleteIfExists(privateKey);
            FilePermissions.writeSecret(privateKey, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
            Files.writeString(certificate, pem(holder));
            log.info("Generated a self-signed TLS certificate for localhost and 127.0.0.1 at {}", certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the TLS certificate under " + certificate.getParent(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate a TLS certificate", e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
