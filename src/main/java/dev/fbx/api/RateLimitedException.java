package dev.fbx.api;

import dev.fbx.FbxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The API's quota is spent until {@code resetAt} (when the server announced it) or for an unknown while. */
public final class RateLimitedException extends FbxException {
    private final Instant resetAt;

    public RateLimitedException(String apiName, Instant resetAt, Instant now) {
        super(RATE_LIMITED, message(apiName, resetAt, now));
        this.resetAt = resetAt;
    }

    /** When the quota comes back; null when the server did not say. */
    public Instant resetAt() {
        return resetAt;
    }

    private static String message(String apiName, Instant resetAt, Instant now) {
        if (resetAt == null) {
            return apiName + " rate limit reached; progress is saved: try again in a minute.";
        }
        long seconds = Math.max(0, Duration.between(now, resetAt).getSeconds());
        String at = DateTimeFormatter.ISO_LOCAL_TIME.format(
                resetAt.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault()));
        return apiName + " rate limit reached; the quota resets in " + seconds + " s (at " + at
                + " local time): try again then (fbx sync --wait waits by itself).";
    }
}
