package dev.fbx.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** {@code hr --detail 1sec…15min}: one heart-rate sample, or a window's average. */
public record HeartRateSample(OffsetDateTime time, Number heartRate) implements Row {
    @Override
    public LocalDate day() {
        return time.toLocalDate();
    }
}
