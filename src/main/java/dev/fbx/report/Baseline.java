package dev.fbx.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.SortedMap;

/**
 * A nightly series against its own past: the 7-night rolling mean, and the personal normal range,
 * the mean ± 1 SD of the 60 nights before each night. The SD is the sample SD (divisor n − 1):
 * the 60 nights are a sample of what is normal for this person, not the whole of it. Missing
 * nights are left out of both windows, never filled in.
 */
public final class Baseline {
    /** Nights in the rolling mean's window, and how many of them need a value for it to be drawn. */
    public static final int MEAN_NIGHTS = 7;

    public static final int MEAN_MIN = 4;
    /** Nights before a night that make its normal range, and how many of them need a value (a third). */
    public static final int BAND_NIGHTS = 60;

    public static final int BAND_MIN = 20;

    /**
     * One night of the series.
     *
     * @param value    the night's value, null when there is none
     * @param mean7    the rolling mean of the 7 nights ending with this one, null with fewer than 4 values
     * @param bandMean the mean of the 60 nights before, null with fewer than 20 values
     * @param bandSd   their sample SD, null when bandMean is
     */
    public record Night(LocalDate date, Double value, Double mean7, Double bandMean, Double bandSd) {
        public Double lower() {
            return bandMean == null ? null : bandMean - bandSd;
        }

        public Double upper() {
            return bandMean == null ? null : bandMean + bandSd;
        }

        /** Whether the night's value lies outside its normal range (there must be both). */
        public boolean outside() {
            return value != null && bandMean != null && (value < lower() || value > upper());
        }
    }

    private Baseline() {}

    /**
     * @param values the series by night; it may start before {@code from}, which is what gives the first nights a range
     * @return one night for each day from {@code from} to {@code to}, in order
     */
    public static List<Night> of(SortedMap<LocalDate, Double> values, LocalDate from, LocalDate to) {
        NavigableMap<LocalDate, Double> series = new java.util.TreeMap<>(values);
        List<Night> nights = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Double mean7 = null;
            Stats week = Stats.of(series.subMap(day.minusDays(MEAN_NIGHTS - 1L), true, day, true)
                    .values());
            if (week.n >= MEAN_MIN) {
                mean7 = week.mean;
            }
            Double bandMean = null;
            Double bandSd = null;
            Stats before = Stats.of(
                    series.subMap(day.minusDays(BAND_NIGHTS), true, day, false).values());
            if (before.n >= BAND_MIN) {
                bandMean = before.mean;
                bandSd = before.sd;
            }
            nights.add(new Night(day, series.get(day), mean7, bandMean, bandSd));
        }
        return nights;
    }

    private record Stats(int n, double mean, double sd) {
        static Stats of(java.util.Collection<Double> values) {
            int n = values.size();
            if (n == 0) {
                return new Stats(0, Double.NaN, Double.NaN);
            }
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / n;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Stats(n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0);
        }
    }
}
