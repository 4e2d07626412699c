package dev.fbx.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A synthetic person: their nights and days as values, which {@link FitbitAnswers} and
 * {@link GoogleAnswers} give in each API's shapes. Every value is a function of
 * the date alone (random generators seeded by the day and the kind of data), so any date can be
 * asked for, in any order, and always gives the same answer. The signals agree with each other:
 * heart rate drops in the main sleep, HRV windows cover it, and the zone minutes of the daily
 * summary are counted from the same minute-by-minute curve that the intraday calls serve.
 * {@link StrictMath} rather than {@link Math} keeps the values bit for bit the same on every JVM
 * and in the native binary.
 *
 * <p>The demo account is the person of seed 0. A cohort's demo participants are others, one per
 * participant id ({@link #seed(String)}): the seed joins every generator's, and sets how much the
 * person's resting heart rate and HRV lie above or below the demo account's and on what share of
 * days they wear the tracker at all (the demo account: every day), so that a cohort's compliance
 * differs from person to person.
 */
final class DemoPerson {
    static final String USER_ID = "DEMO01";
    /** Zone boundaries (bpm) of Fitbit's default zones for a 35-year-old. */
    static final int FAT_BURN = 94;

    static final int CARDIO = 131;
    static final int PEAK = 159;
    /** Trackers record every few seconds, not every second. */
    static final int SAMPLE_SECONDS = 5;

    /**
     * Independent random streams per day, so that changing one signal never changes another. The
     * ordinal is part of the seed: add new streams at the end.
     */
    private enum Stream {
        NIGHT,
        NAP,
        RESTING,
        HEART,
        HEART_SECONDS,
        HRV,
        SPO2,
        BREATHING,
        TEMPERATURE,
        SPO2_READINGS,
        HRV_NIGHT,
        WEAR
    }

    private final ZoneId zone;
    private final long seed;
    /** Beats per minute added to the demo account's resting heart rate. */
    private final int restingShift;
    /** The demo account's HRV level times this. */
    private final double hrvScale;
    /** The share of days the tracker is worn; 1 wears it every day. */
    private final double wearsOn;

    /** The demo account. */
    DemoPerson(ZoneId zone) {
        this(zone, 0);
    }

    /** @param seed 0 for the demo account, else {@link #seed(String)} of a participant's id */
    DemoPerson(ZoneId zone, long seed) {
        this.zone = zone;
        this.seed = seed;
        if (seed == 0) {
            restingShift = 0;
            hrvScale = 1;
            wearsOn = 1;
        } else {
            Random traits = new Random(seed);
            restingShift = traits.nextInt(15) - 6;
            hrvScale = 0.65 + 0.8 * traits.nextDouble();
            // Most people wear it nearly every day; one in four leaves it off on up to half the days.
            wearsOn = traits.nextDouble() < 0.25 ? 0.5 + 0.4 * traits.nextDouble() : 0.9 + 0.1 * traits.nextDouble();
        }
    }

    /** A person's seed from a participant's id: the same id gives the same person on every machine; never 0, the demo account's. */
    static long seed(String id) {
        // FNV-1a, 64 bits, over the id's UTF-8 bytes.
        long hash = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }

    /** Whether the tracker was worn on {@code date}: not at all on a day it was left off, nor in the night that ends then. */
    boolean worn(LocalDate date) {
        return wearsOn >= 1 || random(date, Stream.WEAR).nextDouble() < wearsOn;
    }

    /**
     * The main sleep that ends on {@code date}.
     *
     * @param recorded false on the odd night the tracker was charging: the person slept, nothing was measured
     */
    record Night(
            LocalDate date,
            ZonedDateTime start,
            ZonedDateTime end,
            boolean recorded,
            int asleep,
            int awake,
            int deep,
            int light,
            int rem) {}

    /** A short afternoon sleep, recorded without stages as Fitbit does for naps. */
    record Nap(LocalDate date, ZonedDateTime start, ZonedDateTime end, int asleep, int restless, int awake) {}

    Night night(LocalDate date) {
        Random r = random(date, Stream.NIGHT);
        LocalDateTime bedtime = date.minusDays(1).atTime(22, 15).plusMinutes(r.nextInt(106));
        int inBed = 400 + r.nextInt(111);
        int awake = 22 + r.nextInt(40);
        int asleep = inBed - awake;
        int deep = (int) Math.round(asleep * (0.13 + 0.06 * r.nextDouble()));
        int rem = (int) Math.round(asleep * (0.19 + 0.06 * r.nextDouble()));
        boolean recorded = r.nextDouble() >= 0.04 && worn(date);
        ZonedDateTime start = bedtime.atZone(zone);
        return new Night(
                date, start, start.plusMinutes(inBed), recorded, asleep, awake, deep, asleep - deep - rem, rem);
    }

    Nap nap(LocalDate date) {
        Random r = random(date, Stream.NAP);
        if (r.nextDouble() >= 0.2 || !worn(date)) {
            return null;
        }
        ZonedDateTime start = date.atTime(13, 30).plusMinutes(r.nextInt(120)).atZone(zone);
        int length = 20 + r.nextInt(50);
        int awake = 1 + r.nextInt(4);
        int restless = 2 + r.nextInt(6);
        return new Nap(date, start, start.plusMinutes(length), length - awake - restless, restless, awake);
    }

    /** Slow, overlapping rhythms (training blocks, weekly stress) that make the series look lived in. */
    private static double rhythm(LocalDate date, double periodDays, double phase) {
        return StrictMath.sin(2 * Math.PI * date.toEpochDay() / periodDays + phase);
    }

    int restingHeartRate(LocalDate date) {
        return (int) Math.round(58
                + restingShift
                - 3 * rhythm(date, 23, 0)
                + 1.2 * random(date, Stream.RESTING).nextGaussian());
    }

    /**
     * Heart rate for each minute of the local day (index = minute of the day), -1 where the
     * tracker was not worn. Minutes that do not exist (the spring-forward hour) are -1 too.
     */
    int[] heartRateByMinute(LocalDate date) {
        Random r = random(date, Stream.HEART);
        int resting = restingHeartRate(date);
        Night lastNight = night(date);
        Night tonight = night(date.plusDays(1));
        Nap nap = nap(date);
        int wake = minuteOfDay(lastNight.end(), date);
        int shower = wake + 15 + r.nextInt(20);
        int walk = 7 * 60 + 50 + r.nextInt(25);
        boolean workout = r.nextDouble() < 0.45;
        int workoutStart = 17 * 60 + r.nextInt(120);
        int workoutLength = 35 + r.nextInt(30);
        int[] minutes = new int[24 * 60];
        if (!worn(date)) {
            Arrays.fill(minutes, -1);
            return minutes;
        }
        // A day without a clock change has one offset, and a minute's instant is sums; a day with one
        // asks the zone's rules for each minute. (A cohort's demo asks for thousands of days: the
        // rules' answers were most of what it allocated.)
        ZoneOffset steady = steadyOffset(date);
        long midnight = date.toEpochDay() * 86_400;
        for (int m = 0; m < minutes.length; m++) {
            double noise = r.nextGaussian();
            long at;
            if (steady != null) {
                if (m >= shower && m < shower + 12) {
                    minutes[m] = -1;
                    continue;
                }
                at = midnight + m * 60L - steady.getTotalSeconds();
            } else {
                LocalDateTime local = date.atStartOfDay().plusMinutes(m);
                if (zone.getRules().getValidOffsets(local).isEmpty() || m >= shower && m < shower + 12) {
                    minutes[m] = -1;
                    continue;
                }
                at = local.atZone(zone).toEpochSecond();
            }
            Night sleeping = within(at, lastNight) ? lastNight : within(at, tonight) ? tonight : null;
            double bpm;
            if (sleeping != null) {
                if (!sleeping.recorded()) {
                    minutes[m] = -1;
                    continue;
                }
                bpm = resting - 4 + 3 * StrictMath.sin(m / 37.0) + 1.5 * noise;
            } else if (nap != null
                    && at >= nap.start().toEpochSecond()
                    && at < nap.end().toEpochSecond()) {
                bpm = resting + 1 + 1.5 * noise;
            } else {
                // Awake: above resting, highest in the afternoon, lowest before dawn.
                bpm = resting + 16 + 7 * StrictMath.sin(2 * Math.PI * (m - 9 * 60) / 1440.0) + 4 * noise;
                if (m >= walk && m < walk + 25) {
                    bpm += 22 + 3 * noise;
                }
                if (workout && m >= workoutStart && m < workoutStart + workoutLength) {
                    double progress = (m - workoutStart) / (double) workoutLength;
                    bpm += 45 + 40 * StrictMath.sin(Math.PI * progress) + 4 * noise;
                }
            }
            minutes[m] = (int) Math.round(Math.max(40, bpm));
        }
        return minutes;
    }

    /** Whether the instant {@code at} (epoch seconds) lies in the night. */
    private static boolean within(long at, Night night) {
        return at >= night.start().toEpochSecond() && at < night.end().toEpochSecond();
    }

    /** The one offset of {@code date} when its clocks do not change; null when they do (or midnight does not exist). */
    private ZoneOffset steadyOffset(LocalDate date) {
        ZoneRules rules = zone.getRules();
        LocalDateTime start = date.atStartOfDay();
        List<ZoneOffset> valid = rules.getValidOffsets(start);
        if (valid.size() != 1) {
            return null;
        }
        ZoneOffset offset = valid.get(0);
        ZoneOffsetTransition next = rules.nextTransition(start.toInstant(offset));
        return next == null || !next.getInstant().isBefore(start.plusDays(1).toInstant(offset)) ? offset : null;
    }

    private static int minuteOfDay(ZonedDateTime time, LocalDate date) {
        LocalDateTime local = time.toLocalDateTime();
        return local.toLocalDate().equals(date) ? local.getHour() * 60 + local.getMinute() : 0;
    }

    /** The 5-minute HRV windows of the main sleep that ends on {@code date}; none on an unrecorded night. */
    record Window(LocalDateTime minute, double rmssd, double coverage, double hf, double lf) {}

    List<Window> hrvWindows(LocalDate date) {
        Night night = night(date);
        List<Window> windows = new ArrayList<>();
        if (!night.recorded()) {
            return windows;
        }
        Random r = random(date, Stream.HRV);
        double level = hrvScale * (46 + 7 * rhythm(date, 23, 0.4) - 3 * rhythm(date, 9, 1.1));
        int pastFive = night.start().getMinute() % 5;
        ZonedDateTime first = pastFive == 0 ? night.start() : night.start().plusMinutes(5L - pastFive);
        long count = Duration.between(first, night.end()).toMinutes() / 5;
        for (int i = 0; i < count; i++) {
            double progress = i / (double) count;
            // Higher early in the night, when deep sleep is most common.
            double rmssd = Math.max(
                    8,
                    level * (1.15 - 0.35 * progress + 0.12 * StrictMath.sin(progress * 6 * Math.PI))
                            + 5 * r.nextGaussian());
            double hf = rmssd * rmssd * (0.15 + 0.1 * r.nextDouble());
            double lf = hf * (1.5 + 2.5 * r.nextDouble());
            windows.add(new Window(
                    first.plusMinutes(5L * i).toLocalDateTime(),
                    round(rmssd, 3),
                    round(0.82 + 0.17 * r.nextDouble(), 3),
                    round(hf, 3),
                    round(lf, 3)));
        }
        return windows;
    }

    /** Minutes of the day per Fitbit zone: out of range, fat burn, cardio, peak. */
    int[] zoneMinutes(LocalDate date) {
        int[] zoneMinutes = new int[4];
        for (int bpm : heartRateByMinute(date)) {
            if (bpm >= 0) {
                zoneMinutes[bpm >= PEAK ? 3 : bpm >= CARDIO ? 2 : bpm >= FAT_BURN ? 1 : 0]++;
            }
        }
        return zoneMinutes;
    }

    /**
     * Heart rate as the tracker samples it, every {@value #SAMPLE_SECONDS} seconds of the local day
     * (index = second of the day / {@value #SAMPLE_SECONDS}), -1 where nothing was measured.
     */
    int[] heartRateBySample(LocalDate date) {
        int[] perMinute = heartRateByMinute(date);
        int perMinuteSamples = 60 / SAMPLE_SECONDS;
        int[] samples = new int[perMinute.length * perMinuteSamples];
        Random r = random(date, Stream.HEART_SECONDS);
        for (int i = 0; i < samples.length; i++) {
            int jitter = (int) Math.round(1.2 * r.nextGaussian());
            int minute = perMinute[i / perMinuteSamples];
            samples[i] = minute >= 0 ? minute + jitter : -1;
        }
        return samples;
    }

    /**
     * The night's HRV summary: the mean RMSSD of its windows, and of the first third's (where deep
     * sleep gathers); the non-REM heart rate, a few beats above the day's resting rate (Google serves
     * it whole); and the entropy of the beat intervals, which rises with the HRV.
     */
    record HrvNight(double daily, double deep, int nremHeartRate, double entropy) {}

    HrvNight hrvNight(LocalDate date) {
        List<Window> windows = hrvWindows(date);
        if (windows.isEmpty()) {
            return null;
        }
        double daily = windows.stream().mapToDouble(Window::rmssd).average().orElseThrow();
        double deep = windows.subList(0, Math.max(1, windows.size() / 3)).stream()
                .mapToDouble(Window::rmssd)
                .average()
                .orElseThrow();
        Random r = random(date, Stream.HRV_NIGHT);
        return new HrvNight(
                round(daily, 3),
                round(deep, 3),
                restingHeartRate(date) + 2 + r.nextInt(4),
                round(1.9 + daily / 80 + 0.05 * r.nextGaussian(), 3));
    }

    record Spo2Night(double average, double min, double max) {}

    Spo2Night spo2Night(LocalDate date) {
        if (!night(date).recorded()) {
            return null;
        }
        Random r = random(date, Stream.SPO2);
        double avg = Math.min(98.8, Math.max(93.5, 96.2 + 0.7 * r.nextGaussian()));
        double min = avg - 1.8 - 2.2 * r.nextDouble();
        double max = Math.min(100, avg + 1 + 1.5 * r.nextDouble());
        return new Spo2Night(round(avg, 1), round(min, 1), round(max, 1));
    }

    /** One SpO2 reading of the main sleep: its time, and the percentage ({@link #SPO2_FLOOR} where the sensor read nothing). */
    record Spo2Reading(ZonedDateTime time, double percentage) {}

    /** What the sensor reports for a minute it read nothing: its floor, which both APIs and archives pass on. */
    static final double SPO2_FLOOR = 50.0;

    /**
     * A reading a minute through the main sleep that ends on {@code date}, from a quarter of an hour
     * after it starts, around the night's average and within its range; now and then the sensor's
     * floor. None on an unrecorded night.
     */
    List<Spo2Reading> spo2Readings(LocalDate date) {
        Night night = night(date);
        Spo2Night summary = spo2Night(date);
        List<Spo2Reading> readings = new ArrayList<>();
        if (summary == null) {
            return readings;
        }
        Random r = random(date, Stream.SPO2_READINGS);
        for (ZonedDateTime at = night.start().plusMinutes(15).plusSeconds(r.nextInt(60));
                at.isBefore(night.end());
                at = at.plusMinutes(1)) {
            double value = r.nextDouble() < 0.01
                    ? SPO2_FLOOR
                    : Math.min(summary.max(), Math.max(summary.min(), summary.average() + 0.9 * r.nextGaussian()));
            readings.add(new Spo2Reading(at, round(value, 1)));
        }
        return readings;
    }

    /** Breaths per minute in the night that ends on {@code date}; null when it was not recorded. */
    Double breathingRate(LocalDate date) {
        if (!night(date).recorded()) {
            return null;
        }
        return round(
                14.8
                        + 0.6 * rhythm(date, 9, 0.3)
                        + 0.5 * random(date, Stream.BREATHING).nextGaussian(),
                1);
    }

    /** The night's skin temperature relative to the person's baseline (°C); null when it was not recorded. */
    Double relativeSkinTemperature(LocalDate date) {
        if (!night(date).recorded()) {
            return null;
        }
        return round(
                0.35 * rhythm(date, 28, 0)
                        + 0.2 * random(date, Stream.TEMPERATURE).nextGaussian(),
                2);
    }

    ZoneId zone() {
        return zone;
    }

    /** A generator for one kind of data on one day of this person; its seed is a hash of the three (the demo account's seed, 0, adds nothing). */
    private Random random(LocalDate date, Stream stream) {
        long z = date.toEpochDay() * 0x9E3779B97F4A7C15L
                + stream.ordinal() * 0xBF58476D1CE4E5B9L
                + seed * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
