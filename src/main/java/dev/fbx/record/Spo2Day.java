package dev.fbx.record;

import java.time.LocalDate;

/** {@code spo2}: the night's blood-oxygen saturation in percent (on google, min/max are a confidence interval's bounds). */
public record Spo2Day(LocalDate date, Double avg, Double min, Double max) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }
}
