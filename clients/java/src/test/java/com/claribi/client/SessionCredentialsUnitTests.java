package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** When a session's access token is renewed ahead of its expiry, from its claims alone. */
class SessionCredentialsUnitTests {

    private static final Instant ISSUED = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void renewsRefreshBeforeAheadOfTheExpiry() {
        String hour = jwt("{\"iat\":" + ISSUED.getEpochSecond() + ",\"exp\":" + (ISSUED.getEpochSecond() + 3600) + "}");
        assertEquals(
                ISSUED.plusSeconds(3600 - 60), SessionCredentials.renewAt(hour, Duration.ofSeconds(60), Instant.EPOCH));
    }

    @Test
    void renewsHalfwayWhenTheLifetimeIsNoLongerThanTheMargin() {
        String minute = jwt("{\"iat\":" + ISSUED.getEpochSecond() + ",\"exp\":" + (ISSUED.getEpochSecond() + 60) + "}");
        assertEquals(ISSUED.plusSeconds(30), SessionCredentials.renewAt(minute, Duration.ofSeconds(60), Instant.EPOCH));
        String tenSeconds =
                jwt("{\"iat\":" + ISSUED.getEpochSecond() + ",\"exp\":" + (ISSUED.getEpochSecond() + 10) + "}");
        assertEquals(
                ISSUED.plusSeconds(5), SessionCredentials.renewAt(tenSeconds, Duration.ofSeconds(60), Instant.EPOCH));
    }

    @Test
    void withoutIatTheLifetimeCountsFromReceipt() {
        String noIat = jwt("{\"exp\":" + (ISSUED.getEpochSecond() + 40) + "}");
        assertEquals(ISSUED.plusSeconds(20), SessionCredentials.renewAt(noIat, Duration.ofSeconds(60), ISSUED));
    }

    @Test
    void withoutExpItIsNeverRenewedAhead() {
        assertEquals(Instant.MAX, SessionCredentials.renewAt("opaque", Duration.ofSeconds(60), ISSUED));
        assertEquals(Instant.MAX, SessionCredentials.renewAt(jwt("{}"), Duration.ofSeconds(60), ISSUED));
    }

    @Test
    void aZeroMarginRenewsAtTheExpiry() {
        String minute = jwt("{\"iat\":" + ISSUED.getEpochSecond() + ",\"exp\":" + (ISSUED.getEpochSecond() + 60) + "}");
        assertEquals(ISSUED.plusSeconds(60), SessionCredentials.renewAt(minute, Duration.ZERO, Instant.EPOCH));
    }

    private static String jwt(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
    }
}
