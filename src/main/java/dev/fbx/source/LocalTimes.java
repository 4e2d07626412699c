package dev.fbx.source;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Gives local wall-clock times without an offset (what Fitbit's intraday data holds) the offset in
 * force at that moment in the account's zone. In the autumn hour that happens twice, a sample whose
 * clock time is not after the previous one's is the second pass: the later offset.
 */
final class LocalTimes {
    private final ZoneId zone;
    private LocalDateTime previous;
    private boolean secondPass;

    LocalTimes(ZoneId zone) {
        this.zone = zone;
    }

    OffsetDateTime at(LocalDateTime local) {
        boolean overlap = zone.getRules().getValidOffsets(local).size() > 1;
        secondPass = overlap && (secondPass || previous != null && !local.isAfter(previous));
        previous = local;
        ZonedDateTime zoned = ZonedDateTime.of(local, zone);
        return (secondPass ? zoned.withLaterOffsetAtOverlap() : zoned).toOffsetDateTime();
    }
}
