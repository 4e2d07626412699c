package dev.fbx.api;

import java.time.Instant;

/**
 * The request quota the API announced in its last response's headers: how many requests are left
 * and when the window resets. Either may be unknown (null).
 */
public record Quota(Integer remaining, Instant resetAt) {
    public static final Quota UNKNOWN = new Quota(null, null);

    /** True when the server said no request will be accepted before {@code resetAt}. */
    public boolean exhaustedAt(Instant now) {
        return remaining != null && remaining <= 0 && resetAt != null && resetAt.isAfter(now);
    }
}
