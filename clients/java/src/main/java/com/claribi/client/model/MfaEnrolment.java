package com.claribi.client.model;

/** The start of an authenticator's enrolment: its base32 secret, the otpauth URI and a QR code of it. */
public record MfaEnrolment(String secret, String otpauthUri, String qrCode) {}
