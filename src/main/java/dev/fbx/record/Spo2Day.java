package dev.fbx.record;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** {@code spo2}: the night's blood-oxygen saturation in percent (on google, min/max are a confidence interval's bounds). */
public record Spo2Day(LocalDate date, Double avg, Double min, Double max) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(date, avg, min, max);
    }
}
