package dev.fbx.source;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Gives local wall-clock times without an offset (what Fitbit's intraday data holds) the offset in
 * force at that moment in the account's zone. In the autumn hour that happens twice, a sample whose
 * clock time is not after the previous one's is the second pass: the later offset.
 */
public final class LocalTimes {
    private final ZoneId zone;
    private LocalDateTime previous;
    private boolean secondPass;

    public LocalTimes(ZoneId zone) {
        this.zone = zone;
    }

    /** A span of time, such as a sleep, with the offset in force at each end. */
    public record Interval(OffsetDateTime start, OffsetDateTime end) {}

    /**
     * Gives a span's two local ends their offsets. In the autumn hour that happens twice, the
     * offsets are those that make the span last {@code duration} (when known); otherwise, and
     * anywhere else, each end gets the offset in force at that clock time, the earlier one in the
     * repeated hour.
     */
    public static Interval interval(ZoneId zone, LocalDateTime start, LocalDateTime end, Duration duration) {
        ZonedDateTime earlierStart = ZonedDateTime.of(start, zone);
        ZonedDateTime earlierEnd = ZonedDateTime.of(end, zone);
        Interval best = new Interval(earlierStart.toOffsetDateTime(), earlierEnd.toOffsetDateTime());
        if (duration != null) {
            long bestError = Long.MAX_VALUE;
            for (ZonedDateTime s : List.of(earlierStart, earlierStart.withLaterOffsetAtOverlap())) {
                for (ZonedDateTime e : List.of(earlierEnd, earlierEnd.withLaterOffsetAtOverlap())) {
                    long error = Math.abs(Duration.between(s, e).minus(duration).toMillis());
                    if (error < bestError) {
                        bestError = error;
                        best = new Interval(s.toOffsetDateTime(), e.toOffsetDateTime());
                    }
                }
            }
        }
        return best;
    }

    public OffsetDateTime at(LocalDateTime local) {
        boolean overlap = zone.getRules().getValidOffsets(local).size() > 1;
        secondPass = overlap && (secondPass || previous != null && !local.isAfter(previous));
        previous = local;
        ZonedDateTime zoned = ZonedDateTime.of(local, zone);
        return (secondPass ? zoned.withLaterOffsetAtOverlap() : zoned).toOffsetDateTime();
    }
}
