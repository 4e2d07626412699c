package dev.fbx.record;

import java.time.LocalDate;

/** {@code hrv --detail day}: the night's RMSSD, overall and in deep sleep, in milliseconds. */
public record HrvDay(LocalDate date, Double dailyRmssd, Double deepRmssd) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }
}
