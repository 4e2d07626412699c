package dev.fbx.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Google's unannounced quota kept from this side: the request after a window's quota waits for the oldest to age out. */
class PacingTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void theQuotaGoesOutAtOnceAndTheNextRequestWaitsForTheWindowOfTheOldest() {
        Pacing pacing = new Pacing(300, Duration.ofMinutes(1));
        for (int i = 0; i < 300; i++) {
            Instant at = T0.plusMillis(100L * i);
            assertEquals(Duration.ZERO, pacing.delay(at), "request " + i);
            pacing.sent(at);
        }
        Instant after = T0.plusMillis(100L * 300);
        // The first went at T0: the 301st may go a minute (and the margin) after it.
        assertEquals(Duration.ofSeconds(61).minusMillis(30_000), pacing.delay(after));
        pacing.sent(T0.plusSeconds(61));
        // The next waits for the second, sent 100 ms after the first.
        assertEquals(Duration.ofMillis(100), pacing.delay(T0.plusSeconds(61)));
        assertEquals(Duration.ZERO, pacing.delay(T0.plusSeconds(62)));
    }

    @Test
    void aSlowRunNeverWaits() {
        Pacing pacing = new Pacing(3, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            Instant at = T0.plusSeconds(21L * i);
            assertEquals(Duration.ZERO, pacing.delay(at), "request " + i);
            pacing.sent(at);
        }
    }
}
