package dev.fbx.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code hrv --detail intraday}: one 5-minute window of the main sleep.
 *
 * @param night the day the sleep ends on; the window itself may fall on the evening before
 */
public record HrvSample(LocalDate night, OffsetDateTime time, Double rmssd, Double coverage, Double hf, Double lf)
        implements Row {
    @Override
    public LocalDate day() {
        return night;
    }
}
