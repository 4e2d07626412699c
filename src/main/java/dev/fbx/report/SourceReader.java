package dev.fbx.report;

import dev.fbx.dataset.Dataset;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;

/** Reads what a report draws from a provider (or the demo), through the source's own request limits. */
public final class SourceReader {
    /**
     * The hours-covered calendar needs only whether an hour holds a sample. Every intraday
     * resolution costs the same (Fitbit and the demo: one request a day; Google: a roll-up of 14
     * days), so the coarsest, 15 minutes, gives the same hours for the fewest bytes: 96 samples a
     * day instead of 1440 (1 min) or up to 86,400 (1 s).
     */
    static final Dataset HOURS = Dataset.HR_15MIN;

    private SourceReader() {
    }

    /** HRV and resting heart rate are read with the 60 nights before the range, which the first nights' normal range needs. */
    public static ReportData read(HealthSource source, DateRange range) {
        ReportData data = new ReportData(range);
        source.hrvDays(data.withHistory(), data::hrv);
        source.heartRateDays(data.withHistory(), data::heartRate);
        source.sleeps(range, data::sleep);
        source.spo2Days(range, data::spo2);
        source.breathingRateDays(range, data::breathingRate);
        source.skinTemperatureDays(range, data::skinTemperature);
        data.hoursFrom(HOURS.id());
        source.heartRateSamples(range, HOURS.resolution(), data::heartRateSample);
        return data;
    }
}
