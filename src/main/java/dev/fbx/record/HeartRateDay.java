package dev.fbx.record;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** {@code hr --detail day}: the resting heart rate and the minutes spent in each heart-rate zone. */
public record HeartRateDay(LocalDate date, Integer restingHeartRate, Integer outOfRangeMinutes, Integer fatBurnMinutes,
        Integer cardioMinutes, Integer peakMinutes) implements Row {
    public static final List<String> COLUMNS =
            List.of("date", "resting_heart_rate", "out_of_range_minutes", "fat_burn_minutes", "cardio_minutes", "peak_minutes");

    @Override
    public LocalDate day() {
        return date;
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(date, restingHeartRate, outOfRangeMinutes, fatBurnMinutes, cardioMinutes, peakMinutes);
    }
}
