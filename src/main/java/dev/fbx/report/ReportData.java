package dev.fbx.report;

import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Rows;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a report draws, gathered from records as they stream in, whatever their source. Only the
 * drawn values are kept: a night's numbers, the main sleep, and for heart-rate samples only which
 * hours of each day hold any (a bit per hour), so a year of 1-second samples takes no memory.
 */
public final class ReportData {
    /** The nights before the range that the first nights' normal range needs. */
    public static final int HISTORY_DAYS = Baseline.BAND_NIGHTS;

    private final DateRange range;
    private final DateRange withHistory;
    final SortedMap<LocalDate, Double> hrv = new TreeMap<>();
    final SortedMap<LocalDate, Double> restingHeartRate = new TreeMap<>();
    final SortedMap<LocalDate, Double> spo2 = new TreeMap<>();
    final SortedMap<LocalDate, Double> breathingRate = new TreeMap<>();
    final SortedMap<LocalDate, Double> skinTemperature = new TreeMap<>();
    final SortedMap<LocalDate, Sleep> sleeps = new TreeMap<>();
    /** Per day, bit h set when hour h (local time) holds a heart-rate sample. */
    final SortedMap<LocalDate, Integer> hours = new TreeMap<>();
    /** The intraday heart-rate dataset the hours come from ("hr-15min"), null when there is none. */
    String hoursFrom;

    /**
     * The intraday heart-rate datasets the hours-covered calendar may come from, coarsest first:
     * it needs only whether an hour holds a sample, and every resolution costs the same requests
     * (Fitbit: one a day; Google: a roll-up of 13 days), so 15 minutes gives the same hours for
     * the fewest rows: 96 a day instead of 1440 (1 min) or up to 86,400 (1 s).
     */
    static final List<Dataset<HeartRateSample>> HOURS =
            List.of(Dataset.HR_15MIN, Dataset.HR_5MIN, Dataset.HR_1MIN, Dataset.HR_1SEC);

    private ReportData(DateRange range) {
        this.range = range;
        this.withHistory = new DateRange(range.start().minusDays(HISTORY_DAYS), range.end());
    }

    /**
     * What a report of {@code range} draws, from a source's streams or what a sync wrote: HRV and
     * resting heart rate with the 60 nights before the range, which the first nights' normal range
     * needs. What {@code rows} do not have is a gap.
     */
    public static ReportData read(Rows rows, DateRange range) {
        ReportData data = new ReportData(range);
        rows.read(Dataset.HRV_DAY, data.withHistory, data::hrv);
        rows.read(Dataset.HR_DAY, data.withHistory, data::heartRate);
        rows.read(Dataset.SLEEP, range, data::sleep);
        rows.read(Dataset.SPO2, range, data::spo2);
        rows.read(Dataset.BR, range, data::breathingRate);
        rows.read(Dataset.TEMP, range, data::skinTemperature);
        for (Dataset<HeartRateSample> hours : HOURS) {
            if (rows.has(hours)) {
                data.hoursFrom = hours.id();
                rows.read(hours, range, data::heartRateSample);
                break;
            }
        }
        return data;
    }

    public DateRange range() {
        return range;
    }

    /** The range with the nights before it that the normal range needs: what HRV and resting heart rate are read for. */
    public DateRange withHistory() {
        return withHistory;
    }

    public void hrv(HrvDay day) {
        put(hrv, day.date(), day.dailyRmssd(), true);
    }

    public void heartRate(HeartRateDay day) {
        put(
                restingHeartRate,
                day.date(),
                day.restingHeartRate() == null ? null : day.restingHeartRate().doubleValue(),
                true);
    }

    public void spo2(Spo2Day day) {
        put(spo2, day.date(), day.avg(), false);
    }

    public void breathingRate(BreathingRateDay day) {
        put(breathingRate, day.date(), day.breathingRate(), false);
    }

    public void skinTemperature(SkinTemperatureDay day) {
        put(skinTemperature, day.date(), day.nightlyRelative(), false);
    }

    /** Keeps the night's main sleep (the longest, should a day hold two); naps are not drawn. */
    public void sleep(Sleep sleep) {
        if (!Boolean.TRUE.equals(sleep.mainSleep()) || !range.contains(sleep.date())) {
            return;
        }
        sleeps.merge(sleep.date(), sleep, (a, b) -> minutes(b) > minutes(a) ? b : a);
    }

    public void heartRateSample(HeartRateSample sample) {
        LocalDate day = sample.time().toLocalDate();
        if (sample.heartRate() != null && range.contains(day)) {
            hours.merge(day, 1 << sample.time().getHour(), (a, b) -> a | b);
        }
    }

    private void put(SortedMap<LocalDate, Double> series, LocalDate day, Double value, boolean history) {
        if (value != null && !value.isNaN() && (range.contains(day) || history && withHistory.contains(day))) {
            series.put(day, value);
        }
    }

    private static long minutes(Sleep sleep) {
        return java.time.Duration.between(sleep.start(), sleep.end()).toMinutes();
    }
}
