package dev.fbx.record;

import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code temp}: the night's skin temperature relative to the personal baseline, in °C. */
public record SkinTemperatureDay(LocalDate date, Double nightlyRelative) implements Row {
    @Override
    public LocalDate day() {
        return date;
    }

    /**
     * The night from absolute temperatures, as Google serves them (the API and the archive's
     * _GoogleData family): nightly − baseline, in decimal arithmetic so that 34.1 − 33.9 stays 0.2;
     * null without both (no baseline yet on a device's first nights).
     */
    public static SkinTemperatureDay relative(LocalDate date, Double nightly, Double baseline) {
        return nightly == null || baseline == null
                ? null
                : new SkinTemperatureDay(
                        date,
                        BigDecimal.valueOf(nightly)
                                .subtract(BigDecimal.valueOf(baseline))
                                .doubleValue());
    }
}
