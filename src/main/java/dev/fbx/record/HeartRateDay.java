package dev.fbx.record;

import java.time.LocalDate;

/** {@code hr --detail day}: the resting heart rate and the minutes spent in each heart-rate zone. */
public record HeartRateDay(
        LocalDate date,
        Integer restingHeartRate,
        Integer outOfRangeMinutes,
        Integer fatBurnMinutes,
        Integer cardioMinutes,
        Integer peakMinutes)
        implements Row {
    @Override
    public LocalDate day() {
        return date;
    }
}
