package com.claribi.support;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * An authenticator app in a test: computes RFC 6238 codes (SHA-1, 6 digits, 30 s) from the base32 secret that setup
 * returned, with java-otp, for any time step.
 */
public final class TestAuthenticator {

    private static final long STEP_SECONDS = 30;
    /** Codes are computed at least this long before their step ends, so that the server is still in the same step. */
    private static final long MARGIN_SECONDS = 6;

    private final SecretKeySpec key;
    private final TimeBasedOneTimePasswordGenerator generator =
            new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(STEP_SECONDS), 6);

    public TestAuthenticator(String base32Secret) {
        this.key = new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1");
    }

    public String code(long step) {
        try {
            return generator.generateOneTimePasswordString(
                    key, Instant.ofEpochSecond(step * STEP_SECONDS), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long currentStep() {
        return Instant.now().getEpochSecond() / STEP_SECONDS;
    }

    /**
     * The current step, after waiting for the next one if this one ends within a few seconds: the codes a test computes
     * from it are then judged by the server in the same step.
     */
    public static long steadyStep() {
        long secondsLeft = STEP_SECONDS - Instant.now().getEpochSecond() % STEP_SECONDS;
        if (secondsLeft < MARGIN_SECONDS) {
            sleepUntil(Instant.ofEpochSecond((currentStep() + 1) * STEP_SECONDS).plusMillis(200));
        }
        return currentStep();
    }

    /** Waits until {@code step} has begun (and a little more, for the server's clock). */
    public static void awaitStep(long step) {
        sleepUntil(Instant.ofEpochSecond(step * STEP_SECONDS).plusMillis(200));
    }

    private static void sleepUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
