package com.claribi.client.model;

/** The start of an authenticator's enrolment: its base32 secret, the otpauth URI and a QR code of it. */
public record MfaEnrolment(String secret, String otpauthUri, String qrCode) {

    /** Prints the secret and what encodes it as {@code ***}. */
    @Override
    public String toString() {
        return "MfaEnrolment[secret=" + Redacted.of(secret) + ", otpauthUri=" + Redacted.of(otpauthUri) + ", qrCode="
                + Redacted.of(qrCode) + "]";
    }
}
