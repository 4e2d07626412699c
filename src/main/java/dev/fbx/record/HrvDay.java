package dev.fbx.record;

import java.time.LocalDate;

/**
 * {@code hrv --detail day}: the night's RMSSD, overall and in deep sleep, in milliseconds; its
 * heart rate in non-REM sleep (beats per minute) and the Shannon entropy of its beat intervals.
 */
public record HrvDay(LocalDate date, Double dailyRmssd, Double deepRmssd, Double nremHeartRate, Double entropy)
        implements Row {
    @Override
    public LocalDate day() {
        return date;
    }
}
