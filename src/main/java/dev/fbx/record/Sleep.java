package dev.fbx.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code sleep}: one sleep (a night or a nap), belonging to the day it ends on. Stage minutes are
 * empty for a sleep recorded without stages.
 */
public record Sleep(
        LocalDate date,
        OffsetDateTime start,
        OffsetDateTime end,
        Boolean mainSleep,
        Integer minutesAsleep,
        Integer minutesAwake,
        Integer deepMinutes,
        Integer lightMinutes,
        Integer remMinutes,
        Integer wakeMinutes)
        implements Row {
    @Override
    public LocalDate day() {
        return date;
    }
}
