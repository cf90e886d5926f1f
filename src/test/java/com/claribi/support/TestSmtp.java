package com.claribi.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on a free port of 127.0.0.1 that wants a user and password, with the
 * {@code CLARIBI_SMTP_URL} that reaches it (the password has characters a URL must encode), and the password-reset
 * tokens of the emails it received.
 */
public final class TestSmtp implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("/reset-password\\?token=([A-Za-z0-9_-]+)");

    private final GreenMail mail;

    public TestSmtp() {
        mail = new GreenMail(new ServerSetup(ServerIntegrationTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.setUser("claribi@localhost", "claribi", "s3cret/with:odd@chars");
        mail.start();
    }

    public String url() {
        return "smtp://claribi:s3cret%2Fwith%3Aodd%40chars@127.0.0.1:"
                + mail.getSmtp().getPort();
    }

    public int received() {
        return mail.getReceivedMessages().length;
    }

    /** The newest email to {@code address}, waiting up to 20 seconds for one. */
    public MimeMessage awaitEmailTo(String address) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> received = emailsTo(address);
            if (!received.isEmpty()) {
                return received.getLast();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no email to " + address + " within 20 s");
    }

    public List<MimeMessage> emailsTo(String address) {
        List<MimeMessage> to = new ArrayList<>();
        try {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                    to.add(message);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return to;
    }

    /** The whole link in an email's text (quoted-printable undone). */
    public static String body(MimeMessage email) {
        return GreenMailUtil.getBody(email).replace("=\r\n", "").replace("=3D", "=");
    }

    /** The token of the reset link in the newest email to {@code address}. */
    public String awaitResetToken(String address) throws InterruptedException {
        String body = body(awaitEmailTo(address));
        Matcher matcher = TOKEN.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    @Override
    public void close() {
        mail.stop();
    }
}
