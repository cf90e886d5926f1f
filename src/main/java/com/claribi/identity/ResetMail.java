package com.claribi.identity;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The password-reset email, sent over SMTP ({@code CLARIBI_SMTP_URL}: {@code smtp://user:pass@host:port}, STARTTLS
 * when the server offers it, or {@code smtps://} for TLS from the first byte) from {@code CLARIBI_SMTP_FROM}. Not
 * configured, nothing is sent (and the request is still answered 202). The link points at {@code CLARIBI_PUBLIC_URL},
 * never at the request's Host header, which whoever asks for the email controls.
 */
final class ResetMail {

    /**
     * {@code claribi.identity.mail.*}, documented as {@code CLARIBI_SMTP_URL} and {@code CLARIBI_SMTP_FROM}.
     *
     * @param url {@code smtp://} or {@code smtps://}, with the user and password URL-encoded in it if the server wants
     *     them; unset, no email is sent
     * @param from the sender
     */
    record Settings(
            @Nullable String url,
            @DefaultValue("clariBI <no-reply@localhost>") String from) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final @Nullable JavaMailSenderImpl sender;
    private final String from;

    ResetMail(Settings settings, @Nullable String publicUrl) {
        this.from = settings.from();
        String url = settings.url();
        if (url == null || url.isBlank()) {
            this.sender = null;
            return;
        }
        if (publicUrl == null || publicUrl.isBlank()) {
            throw new IllegalStateException(
                    "CLARIBI_SMTP_URL is set but CLARIBI_PUBLIC_URL is not: set it to the"
                            + " address people open clariBI at (https://claribi.example.com), which the emailed links point to");
        }
        try {
            new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalStateException("CLARIBI_SMTP_FROM is not an email address: " + from);
        }
        this.sender = sender(url.trim());
    }

    boolean configured() {
        return sender != null;
    }

    void send(String to, String link) {
        JavaMailSenderImpl mail = sender;
        if (mail == null) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("Reset your clariBI password");
        message.setText("""
                Someone, probably you, asked to reset the password of your clariBI account (%s).

                To choose a new password, open this link within %d minutes:

                %s

                The link works once. If you did not ask for it, ignore this email: your password stays as it is.
                """.formatted(to, ResetLinks.VALIDITY.toMinutes(), link));
        mail.send(message);
    }

    private static JavaMailSenderImpl sender(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CLARIBI_SMTP_URL is not a URL (smtp://user:pass@host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps") || uri.getHost() == null) {
            throw new IllegalStateException(
                    "CLARIBI_SMTP_URL must be smtp://host:port or smtps://host:port, with user:pass@ if needed");
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setProtocol(scheme);
        sender.setHost(uri.getHost());
        sender.setPort(uri.getPort() > 0 ? uri.getPort() : scheme.equals("smtps") ? 465 : 25);
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        String prefix = "mail." + scheme + ".";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            sender.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                sender.setPassword(decode(userInfo.substring(colon + 1)));
            }
            properties.put(prefix + "auth", "true");
        }
        if (scheme.equals("smtp")) {
            // Upgrade to TLS whenever the server offers it.
            properties.put("mail.smtp.starttls.enable", "true");
        } else {
            properties.put("mail.smtps.ssl.checkserveridentity", "true");
        }
        properties.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put(prefix + "timeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put(prefix + "writetimeout", String.valueOf(TIMEOUT.toMillis()));
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
