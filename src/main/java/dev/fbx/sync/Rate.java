package dev.fbx.sync;

import java.time.Duration;

/** How many requests a provider accepts per window (docs/apis.md): what the time estimates assume. */
public record Rate(int requests, Duration window, String label) {
    /** How long {@code count} requests take at this rate, once the current window's quota is spent. */
    public Duration timeFor(long count) {
        return Duration.ofMillis(Math.round((double) count * window.toMillis() / requests));
    }

    /** "2 h 45 min", "8 min", "40 s": what people read in an estimate (rounded up). */
    public static String describe(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        long hours = minutes / 60;
        if (hours == 0) {
            return minutes + " min";
        }
        return minutes % 60 == 0 ? hours + " h" : hours + " h " + minutes % 60 + " min";
    }
}
