package dev.fbx.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** {@code hr --detail 1sec…15min}: one heart-rate sample, or a window's average. */
public record HeartRateSample(OffsetDateTime time, Number heartRate) implements Row {
    @Override
    public LocalDate day() {
        return time.toLocalDate();
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(time, heartRate);
    }
}
