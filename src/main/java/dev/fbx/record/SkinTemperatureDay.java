package dev.fbx.record;

import java.time.LocalDate;

/** {@code temp}: the night's skin temperature relative to the personal baseline, in °C. */
public record SkinTemperatureDay(LocalDate date, Double nightlyRelative) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }
}
