package dev.fbx.record;

import java.time.LocalDate;

/** {@code br}: the night's breathing rate in breaths per minute. */
public record BreathingRateDay(LocalDate date, Double breathingRate) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }
}
