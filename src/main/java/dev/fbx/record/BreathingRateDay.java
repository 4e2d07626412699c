package dev.fbx.record;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** {@code br}: the night's breathing rate in breaths per minute. */
public record BreathingRateDay(LocalDate date, Double breathingRate) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(date, breathingRate);
    }
}
