package dev.fbx.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A quota that the server enforces without announcing it (Google's 300 requests a minute per user,
 * docs/apis.md), kept from this side: the request after the last {@code requests} waits until the
 * oldest of them is a window old, so a healthy run never meets the 429 that would cost it a
 * minute of back-off. One per transport, which one thread uses at a time.
 */
final class Pacing {
    /**
     * Added to the window: a request sent a window after another may reach the server a little
     * sooner than that one did.
     */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private final Instant[] sent;
    private final Duration window;
    /** The slot of the oldest of the last {@code sent.length} requests, which the next one replaces. */
    private int oldest;

    Pacing(int requests, Duration window) {
        this.sent = new Instant[requests];
        this.window = window.plus(MARGIN);
    }

    /** How long the next request must wait at {@code now}: zero while fewer than the quota's requests were sent in the window. */
    Duration delay(Instant now) {
        Instant first = sent[oldest];
        if (first == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, first.plus(window));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a request sent at {@code at}. */
    void sent(Instant at) {
        sent[oldest] = at;
        oldest = (oldest + 1) % sent.length;
    }
}
