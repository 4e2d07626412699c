package dev.fbx.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code spo2 --detail minute}: one blood-oxygen reading of the main sleep, in percent.
 *
 * @param night the day the sleep ends on; the reading itself may fall on the evening before
 */
public record Spo2Sample(LocalDate night, OffsetDateTime time, Double spo2) implements Row {
    /** What a sensor reports when it reads nothing: not a reading (docs/archive-formats.md, "Placeholders"). */
    public static final double FLOOR = 50.0;

    @Override
    public LocalDate day() {
        return night;
    }

    /** Whether {@code percentage} is a reading, not the sensor's floor or missing. */
    public static boolean isReading(Double percentage) {
        return percentage != null && percentage != FLOOR;
    }
}
