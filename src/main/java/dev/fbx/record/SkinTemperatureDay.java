package dev.fbx.record;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** {@code temp}: the night's skin temperature relative to the personal baseline, in °C. */
public record SkinTemperatureDay(LocalDate date, Double nightlyRelative) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }

    @Override
    public List<Object> values() {
        return Arrays.asList(date, nightlyRelative);
    }
}
