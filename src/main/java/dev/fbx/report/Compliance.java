package dev.fbx.report;

import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Rows;
import dev.fbx.record.HeartRateSample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One participant's wear-time compliance, from what their syncs wrote: per day of the range, the
 * local clock hours with at least one heart-rate sample in the finest intraday heart rate synced
 * (unknown when none was), whether the night has an HRV value and a main sleep; and beyond the
 * range, their newest day with any data. Only an hour's bit is kept of the samples, so a month of
 * 1-second heart rate takes no memory.
 */
public final class Compliance {
    /**
     * The intraday heart-rate datasets the hours come from, finest first: a coarser one may hold a
     * window averaged from one sample, so where several were synced the finest says it best.
     */
    static final List<Dataset<HeartRateSample>> HOURS =
            List.of(Dataset.HR_1SEC, Dataset.HR_1MIN, Dataset.HR_5MIN, Dataset.HR_15MIN);

    /** A participant's day: the hours with heart rate (null when no intraday heart rate was synced), a nightly HRV value, a main sleep. */
    public record Day(LocalDate date, Integer wornHours, boolean hrv, boolean sleep) {}

    /**
     * A participant's days in the range.
     *
     * @param hoursFrom the intraday heart-rate dataset the hours come from; null when none was synced
     * @param lastData the newest day holding any of their data, in the range or not; empty when there is none
     * @param refreshToken how long their sign-in has left, where known ("6 days left", "no token file"); null when not
     * @param signInAgain whether they must sign in again before the next sync can fetch anything
     */
    public record Participant(
            String id,
            List<Day> days,
            String hoursFrom,
            Optional<LocalDate> lastData,
            String refreshToken,
            boolean signInAgain) {
        /** Days with heart rate in at least {@code minHours} hours; 0 when not known. */
        public long daysWorn(int minHours) {
            return days.stream()
                    .filter(d -> d.wornHours() != null && d.wornHours() >= minHours)
                    .count();
        }

        /** The mean hours with heart rate a day over the range; empty when not known. */
        public Optional<Double> meanHours() {
            return hoursFrom == null
                    ? Optional.empty()
                    : Optional.of(
                            days.stream().mapToInt(Day::wornHours).average().orElse(0));
        }

        public long nightsWithHrv() {
            return days.stream().filter(Day::hrv).count();
        }

        public long mainSleeps() {
            return days.stream().filter(Day::sleep).count();
        }

        /** Below the wear threshold: a day of the range with heart rate in fewer than {@code minHours} hours, or not known. */
        public boolean below(int minHours) {
            return hoursFrom == null || daysWorn(minHours) < days.size();
        }
    }

    private Compliance() {}

    /**
     * A participant's compliance in {@code range}, from their rows.
     *
     * @param refreshToken see {@link Participant#refreshToken()}
     */
    public static Participant read(String id, Rows rows, DateRange range, String refreshToken, boolean signInAgain) {
        Dataset<HeartRateSample> hours =
                HOURS.stream().filter(rows::has).findFirst().orElse(null);
        Map<LocalDate, Integer> hourBits = new HashMap<>();
        if (hours != null) {
            rows.read(hours, range, sample -> {
                LocalDate day = sample.time().toLocalDate();
                if (sample.heartRate() != null && range.contains(day)) {
                    hourBits.merge(day, 1 << sample.time().getHour(), (a, b) -> a | b);
                }
            });
        }
        Set<LocalDate> hrv = new HashSet<>();
        rows.read(Dataset.HRV_DAY, range, night -> {
            if (night.dailyRmssd() != null) {
                hrv.add(night.date());
            }
        });
        Set<LocalDate> sleep = new HashSet<>();
        rows.read(Dataset.SLEEP, range, s -> {
            if (Boolean.TRUE.equals(s.mainSleep())) {
                sleep.add(s.date());
            }
        });
        List<Day> days = new ArrayList<>();
        for (LocalDate day = range.start(); !day.isAfter(range.end()); day = day.plusDays(1)) {
            days.add(new Day(
                    day,
                    hours == null ? null : Integer.bitCount(hourBits.getOrDefault(day, 0)),
                    hrv.contains(day),
                    sleep.contains(day)));
        }
        Optional<LocalDate> newest = Dataset.values().stream()
                .map(rows::newest)
                .flatMap(Optional::stream)
                .max(LocalDate::compareTo);
        return new Participant(id, days, hours == null ? null : hours.id(), newest, refreshToken, signInAgain);
    }

    /** The CSV of every participant's days: {@code participant,date,worn_hours,has_hrv,has_sleep}, in the order given. */
    public static String csv(List<Participant> participants) {
        StringBuilder csv = new StringBuilder("participant,date,worn_hours,has_hrv,has_sleep\n");
        for (Participant participant : participants) {
            for (Day day : participant.days()) {
                csv.append(participant.id())
                        .append(',')
                        .append(day.date())
                        .append(',')
                        .append(day.wornHours() == null ? "" : day.wornHours().toString())
                        .append(',')
                        .append(day.hrv())
                        .append(',')
                        .append(day.sleep())
                        .append('\n');
            }
        }
        return csv.toString();
    }
}
