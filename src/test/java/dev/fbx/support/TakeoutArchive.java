package dev.fbx.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Fitbit archive in any of docs/archive-formats.md's three layouts, with the dirt real ones
 * have (a day not worn, an empty heart-rate file, samples repeated and straddling midnight across
 * neighbouring files, null resting values, a header-only night, NaN temperatures, irregular and
 * counter names, naps of type classic), and in the Takeout layouts the _GoogleData family beside
 * the legacy one, as real exports have it: days only in one family (the newest day only in
 * _GoogleData), disagreeing nights, heart-rate instants only in one family, placeholders (0, 0.0,
 * -1.0, NaN, 50.0), the {@code data source} column present and absent, header-only files without a
 * final newline. It keeps what it wrote as plain values, each family's apart: the truth a test
 * checks fbx's output against, computed without fbx's code.
 */
public final class TakeoutArchive {
    public enum Layout {
        TAKEOUT_FITBIT("Takeout/Fitbit/"),
        GOOGLE_HEALTH("Takeout/Google Health/"),
        ACCOUNT_ARCHIVE("MyFitbitData/JaneDoe/");

        final String root;

        Layout(String root) {
            this.root = root;
        }

        /** Takeout exports carry the _GoogleData family; the older fitbit.com archive does not. */
        boolean takeout() {
            return this != ACCOUNT_ARCHIVE;
        }
    }

    public record Sample(Instant time, int bpm) {}

    /**
     * A day's resting heart rate in each family (null: none; the legacy file says none with a null
     * date) and its zone minutes (below, fat burn, cardio, peak; null where no zones file).
     */
    public record HeartDay(LocalDate date, Double resting, Double googleResting, int[] zones) {}

    /** A night's values as one family wrote them; 0, 0.0 and -1.0 are placeholders as written, null is a column it lacks. */
    public record NightValues(
            Double rmssd,
            Double deep,
            Double nremHeartRate,
            Double entropy,
            Double breathingRate,
            Double spo2Avg,
            Double spo2Low,
            Double spo2High) {}

    /**
     * A night in each family (null where the family has no row for it), and its skin temperature:
     * the legacy main sleep's sum and sample count (sum null: NaN), the _GoogleData nightly and
     * baseline temperatures (baseline null: NaN; both null: no row).
     */
    public record Night(
            LocalDate date,
            NightValues legacy,
            NightValues google,
            Double temperatureSum,
            int temperatureSamples,
            Double googleNightly,
            Double googleBaseline) {}

    /** One SpO2 reading as the archive holds it: its instant, and the value (the floor, 50.0, among them). */
    public record Spo2Reading(Instant time, double value) {}

    /** One 5-minute HRV window: its instant, the legacy family's values (null: not in it) and _GoogleData's RMSSD (null: not in it). */
    public record HrvWindow(
            LocalDate night, Instant time, Double rmssd, Double coverage, Double lf, Double hf, Double googleRmssd) {}

    public record SleepLog(
            long logId,
            LocalDate dateOfSleep,
            LocalDateTime start,
            LocalDateTime end,
            long durationMillis,
            boolean main,
            String type,
            int asleep,
            int awake,
            int deep,
            int light,
            int rem,
            int wake) {}

    private static final DateTimeFormatter SLASH = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter SLASH_DAY = DateTimeFormatter.ofPattern("MM/dd/yy");

    public final Layout layout;
    public final ZoneId zone;
    public final LocalDate first;
    public final LocalDate last;
    /** Every heart-rate instant of either family once, in time order, with the JSON's bpm where both hold it. */
    public final List<Sample> samples = new ArrayList<>();
    /** What the _GoogleData CSV files hold, with their own bpm (Takeout layouts). */
    public final List<Sample> csvSamples = new ArrayList<>();

    public final List<HeartDay> heartDays = new ArrayList<>();
    public final List<Night> nights = new ArrayList<>();
    public final List<HrvWindow> hrvWindows = new ArrayList<>();
    public final List<SleepLog> sleeps = new ArrayList<>();
    /** Every SpO2 reading once, with the value fbx must show: the _GoogleData family's where both families hold the instant. */
    public final List<Spo2Reading> spo2Readings = new ArrayList<>();
    /** The paired devices as fbx shows them: "type (last sync time)", each once. */
    public final List<String> devices = new ArrayList<>();
    /** The day without any file (not worn), and the day whose heart-rate file is an empty list. */
    public final LocalDate notWorn;

    public final LocalDate emptyFile;
    /** The entries, by name, in the order written. */
    public final Map<String, byte[]> entries = new LinkedHashMap<>();

    /**
     * @param timezone the profile's zone; null writes a profile without one
     * @param secondsBetween the mean gap between heart-rate samples
     */
    public TakeoutArchive(
            Layout layout,
            ZoneId zone,
            String timezone,
            LocalDate first,
            LocalDate last,
            int secondsBetween,
            long seed) {
        this.layout = layout;
        this.zone = zone;
        this.first = first;
        this.last = last;
        this.notWorn = first.plusDays(10);
        this.emptyFile = first.plusDays(11);
        Random random = new Random(seed);
        profile(timezone);
        heartRate(random, secondsBetween);
        heartDays(random);
        nights(random);
        sleeps(random);
        spo2Readings(new Random(seed + 1));
        if (layout.takeout()) {
            devices();
        }
        junk();
    }

    private String folder(String takeout, String account) {
        return layout.root + (layout.takeout() ? takeout : account) + "/";
    }

    private String googleData() {
        return layout.root + "Physical Activity_GoogleData/";
    }

    private void put(String name, String text) {
        entries.put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the legacy family holds a day or night: in a Takeout export, not the newest, which only _GoogleData has. */
    private boolean inLegacy(LocalDate day) {
        return !layout.takeout() || day.isBefore(last);
    }

    /** Whether the _GoogleData family holds a night: not the first three nor the sixth, which only the legacy family has. */
    private boolean inGoogle(LocalDate night) {
        return layout.takeout() && night.isAfter(first.plusDays(3)) && !night.equals(first.plusDays(5));
    }

    /** Nights where the families disagree (as a 2026 export's did): _GoogleData's values are the ones shown. */
    private static boolean disagree(LocalDate night) {
        return night.getDayOfMonth() % 3 == 0;
    }

    /** The _GoogleData files gained a `data source` column in 2026: the earlier files here lack it. */
    private boolean withSource(LocalDate day) {
        return !day.isBefore(first.plusDays(8));
    }

    private static String text(Double value) {
        return value == null ? "" : value.toString();
    }

    private void profile(String timezone) {
        put(
                folder("Your Profile", "Personal & Account") + "Profile.csv",
                "id,full_name,first_name,last_name,display_name,timezone,locale\r\n" + "7XYZ42,Jane Doe,Jane,Doe,Jane,"
                        + (timezone == null ? "" : timezone) + ",en_US\r\n");
    }

    /**
     * Local day d's samples go to JSON file d, except that the first two of day d+1 also straddle
     * into it and the last of d repeats in d+1. The export was made on the last day at 18:00; in a
     * Takeout export that day has no JSON file, only its CSV twins.
     */
    private void heartRate(Random random, int secondsBetween) {
        Map<LocalDate, List<Sample>> byDay = new LinkedHashMap<>();
        List<Sample> generated = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            List<Sample> daySamples = new ArrayList<>();
            if (!day.equals(notWorn) && !day.equals(emptyFile)) {
                Instant end = (day.equals(last)
                                ? day.atTime(18, 0)
                                : day.plusDays(1).atStartOfDay())
                        .atZone(zone)
                        .toInstant();
                Instant t = day.atStartOfDay(zone).toInstant().plusSeconds(random.nextInt(secondsBetween) + 1);
                while (t.isBefore(end)) {
                    daySamples.add(new Sample(t, 50 + random.nextInt(90)));
                    t = t.plusSeconds(1 + random.nextInt(2 * secondsBetween));
                }
            }
            generated.addAll(daySamples);
            byDay.put(day, daySamples);
        }
        String json = layout.takeout() ? "Global Export Data" : "Physical Activity";
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (day.equals(notWorn) || !inLegacy(day)) {
                continue;
            }
            List<Sample> file = new ArrayList<>();
            List<Sample> before = byDay.getOrDefault(day.minusDays(1), List.of());
            List<Sample> own = byDay.get(day);
            List<Sample> after = byDay.getOrDefault(day.plusDays(1), List.of());
            if (!before.isEmpty() && !own.isEmpty()) {
                file.add(before.get(before.size() - 1));
            }
            file.addAll(own);
            if (!own.isEmpty()) {
                file.addAll(after.subList(0, Math.min(2, after.size())));
            }
            put(folder(json, json) + "heart_rate-" + day + ".json", heartRateJson(file));
        }
        if (layout.takeout()) {
            csvTwins(generated);
        } else {
            samples.addAll(generated);
        }
    }

    /**
     * The _GoogleData twins, a UTC day a file: mostly the JSON's samples again (bpm as a float),
     * but every 50th only in the JSON, now and then an instant only in the CSV, and every 30th
     * shared one with another bpm (the JSON's is the one shown); the newest day whole, since only
     * the CSV has it. A header-only file without a final newline for a UTC day without samples.
     */
    private void csvTwins(List<Sample> generated) {
        Map<Instant, Sample> union = new TreeMap<>();
        Set<Instant> times = new HashSet<>();
        generated.forEach(s -> times.add(s.time()));
        int i = 0;
        for (Sample s : generated) {
            union.put(s.time(), s);
            boolean newest = !inLegacy(s.time().atZone(zone).toLocalDate());
            i++;
            if (!newest && i % 50 == 0) {
                continue;
            }
            csvSamples.add(new Sample(s.time(), !newest && i % 30 == 0 ? s.bpm() + 3 : s.bpm()));
            Instant extra = s.time().plusSeconds(1);
            if (i % 40 == 0 && !times.contains(extra)) {
                Sample only = new Sample(extra, 55 + i % 60);
                csvSamples.add(only);
                union.put(extra, only);
            }
        }
        samples.addAll(union.values());
        Map<LocalDate, StringBuilder> files = new TreeMap<>();
        for (Sample s : csvSamples) {
            LocalDate day = s.time().atZone(ZoneOffset.UTC).toLocalDate();
            files.computeIfAbsent(
                            day,
                            d -> new StringBuilder(
                                    "timestamp,beats per minute" + (withSource(d) ? ",data source" : "") + "\n"))
                    .append(s.time())
                    .append(',')
                    .append(s.bpm())
                    .append(".0")
                    .append(withSource(day) ? ",Charge 6\n" : "\n");
        }
        // The UTC day between the day not worn and the empty one has no sample: a header-only file.
        files.putIfAbsent(emptyFile, new StringBuilder("timestamp,beats per minute"));
        files.forEach((day, csv) -> put(googleData() + "heart_rate_" + day + ".csv", csv.toString()));
    }

    static String heartRateJson(List<Sample> samples) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\n  \"dateTime\" : \"")
                    .append(SLASH.format(s.time().atZone(ZoneId.of("UTC"))))
                    .append("\",\n  \"value\" : {\n    \"bpm\" : ")
                    .append(s.bpm())
                    .append(",\n    \"confidence\" : ")
                    .append(s.bpm() % 4)
                    .append("\n  }\n}");
        }
        return json.append("]").toString();
    }

    /**
     * Resting heart rate and zones. The legacy resting file says "none" on the 5th of a month; in a
     * Takeout export it and the zones lack the newest day, and _GoogleData's resting heart rate
     * (a float, disagreeing now and then) covers the days from the fifth on.
     */
    private void heartDays(Random random) {
        String folder = folder("Global Export Data", "Physical Activity");
        StringBuilder resting = new StringBuilder("[");
        StringBuilder google = new StringBuilder("timestamp,beats per minute,data source\n");
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            boolean worn = !day.equals(notWorn) && !day.equals(emptyFile);
            double rate = 50 + random.nextInt(15000) / 1000.0;
            Double value = worn && day.getDayOfMonth() != 5 && inLegacy(day) ? rate : null;
            Double googleValue = worn && inGoogle(day) ? (disagree(day) ? rate + 0.6 : rate) : null;
            int[] zones = worn && inLegacy(day)
                    ? new int[] {1000 + random.nextInt(300), random.nextInt(120), random.nextInt(30), random.nextInt(10)
                    }
                    : null;
            heartDays.add(new HeartDay(day, value, googleValue, zones));
            if (googleValue != null) {
                google.append(day).append("T00:00:00Z,").append(googleValue).append(",Fitbit App\n");
            }
            resting.append(day.equals(first) ? "" : ",")
                    .append("{\n  \"dateTime\" : \"")
                    .append(SLASH.format(day.atStartOfDay()))
                    .append("\",\n  \"value\" : {\n    \"date\" : ")
                    .append(value == null ? "null" : "\"" + SLASH_DAY.format(day) + "\"")
                    .append(",\n    \"value\" : ")
                    .append(value == null ? "0.0" : value)
                    .append(",\n    \"error\" : ")
                    .append(value == null ? "0.0" : "6.78")
                    .append("\n  }\n}");
            if (zones != null) {
                put(
                        folder + "time_in_heart_rate_zones-" + day + ".json",
                        "[{\n  \"dateTime\" : \"" + SLASH.format(day.atStartOfDay())
                                + "\",\n  \"value\" : {\n    \"valuesInZones\" : {\n      \"IN_DEFAULT_ZONE_3\" : "
                                + zones[3] + ".0,\n"
                                + "      \"IN_DEFAULT_ZONE_1\" : " + zones[1] + ".0,\n      \"BELOW_DEFAULT_ZONE_1\" : "
                                + zones[0] + ".0,\n"
                                + "      \"IN_DEFAULT_ZONE_2\" : " + zones[2] + ".0\n    }\n  }\n}]");
            }
        }
        put(
                folder + "resting_heart_rate-" + first + ".json",
                resting.append("]").toString());
        if (layout.takeout()) {
            put(googleData() + "daily_resting_heart_rate.csv", google.toString());
        }
    }

    /**
     * The nights of both families. The legacy family: a summary, a breathing rate and a 5-minute
     * file per night (one with a counter for a name), SpO2 and temperature files of many nights, a
     * night whose RMSSD is the placeholder 0. _GoogleData: one file per dataset, HRV windows a month
     * a file; the deep-sleep RMSSD only here (0.0 on some nights), placeholders where the legacy
     * family has a value (RMSSD 0.0, breathing rate -1.0), NaN baselines on its first nights.
     */
    private void nights(Random random) {
        String hrv = folder("Heart Rate Variability", "Sleep");
        String spo2 = folder("Oxygen Saturation (SpO2)", "Sleep");
        String temperature = folder("Temperature", "Sleep");
        StringBuilder spo2File = new StringBuilder("timestamp,average_value,lower_bound,upper_bound\n");
        StringBuilder googleHrv = new StringBuilder("timestamp,average heart rate variability milliseconds,"
                + "non rem heart rate beats per minute,entropy,"
                + "deep sleep root mean square of successive differences milliseconds,data source\n");
        StringBuilder googleBreathing = new StringBuilder("timestamp,breaths per minute\n");
        StringBuilder googleSpo2 = new StringBuilder("timestamp,average percentage,lower bound percentage,"
                + "upper bound percentage,baseline percentage,standard deviation percentage,data source\n");
        StringBuilder googleTemperature = new StringBuilder("timestamp,nightly temperature celsius,"
                + "baseline temperature celsius,relative nightly stddev 30d celsius\n");
        Map<LocalDate, StringBuilder> googleWindows = new TreeMap<>();
        // A file without windows: header only, without a final newline.
        googleWindows.put(
                first,
                new StringBuilder("timestamp,root mean square of successive differences milliseconds,"
                        + "standard deviation milliseconds"));
        StringBuilder temperatureFile = null;
        LocalDate temperatureStart = null;
        for (LocalDate night = first.plusDays(1); !night.isAfter(last); night = night.plusDays(1)) {
            if (temperatureFile == null || night.isAfter(temperatureStart.plusDays(29))) {
                if (temperatureFile != null) {
                    put(
                            temperature + "Computed Temperature - " + temperatureStart + ".csv",
                            temperatureFile.toString());
                }
                temperatureStart = night;
                temperatureFile =
                        new StringBuilder("type,sleep_start,sleep_end,temperature_samples,nightly_temperature,"
                                + "baseline_relative_sample_sum,baseline_relative_sample_sum_of_squares,baseline_relative_nightly_standard_deviation,"
                                + "baseline_relative_sample_standard_deviation\n");
            }
            if (night.equals(notWorn) || night.equals(emptyFile)) {
                continue;
            }
            boolean headerOnly = night.equals(first.plusDays(20));
            boolean legacy = inLegacy(night);
            boolean google = inGoogle(night) && !headerOnly;
            double rmssd = 20 + random.nextInt(40000) / 1000.0;
            double nrem = 45 + random.nextInt(15000) / 1000.0;
            double entropy = 2 + random.nextInt(900) / 1000.0;
            double br = 12 + random.nextInt(6000) / 1000.0;
            double avg = 94 + random.nextInt(40) / 10.0;
            boolean firstNights = night.isBefore(first.plusDays(4));
            int count = 300 + random.nextInt(200);
            Double sum = firstNights ? null : (random.nextInt(20000) - 10000) / 100.0;
            double nightly = 33 + random.nextInt(3000) / 1000.0;
            double relative = sum == null ? random.nextInt(2000) / 1000.0 - 1 : sum / count;
            boolean other = disagree(night);
            NightValues legacyValues = legacy
                    ? new NightValues(
                            night.equals(first.plusDays(5)) ? 0.0 : rmssd,
                            null,
                            nrem,
                            entropy,
                            br,
                            avg,
                            avg - 2.5,
                            avg + 2.1)
                    : null;
            boolean googlePlaceholder = night.equals(first.plusDays(6));
            NightValues googleValues = google
                    ? new NightValues(
                            googlePlaceholder ? 0.0 : other ? rmssd + 4.1 : rmssd,
                            night.getDayOfMonth() % 4 == 0 ? 0.0 : rmssd + 6.5,
                            other ? nrem - 1.5 : nrem,
                            googlePlaceholder ? 0.0 : other ? entropy + 0.1 : entropy,
                            night.equals(first.plusDays(7)) ? -1.0 : other ? br - 0.2 : br,
                            other ? avg + 0.3 : avg,
                            avg - 2.5,
                            avg + 2.1)
                    : null;
            // _GoogleData's baseline is NaN on its first nights; its relative value disagrees on some.
            Double baseline =
                    google && night.isAfter(first.plusDays(4)) ? nightly - relative - (other ? 0.2 : 0) : null;
            if (!headerOnly) {
                nights.add(new Night(
                        night,
                        legacyValues,
                        googleValues,
                        legacy ? sum : null,
                        count,
                        google ? nightly : null,
                        baseline));
            }
            if (googleValues != null) {
                googleHrv
                        .append(night)
                        .append("T00:00:00Z,")
                        .append(googleValues.rmssd())
                        .append(',')
                        .append(googleValues.nremHeartRate())
                        .append(',')
                        .append(googleValues.entropy())
                        .append(',')
                        .append(googleValues.deep())
                        .append(",Charge 6\n");
                googleBreathing
                        .append(night)
                        .append("T00:00:00Z,")
                        .append(googleValues.breathingRate())
                        .append('\n');
                googleSpo2
                        .append(night)
                        .append("T00:00:00Z,")
                        .append(googleValues.spo2Avg())
                        .append(',')
                        .append(googleValues.spo2Low())
                        .append(',')
                        .append(googleValues.spo2High())
                        .append(",95.5,0.0,Charge 6\n");
                googleTemperature
                        .append(night)
                        .append("T00:00:00Z,")
                        .append(nightly)
                        .append(',')
                        .append(baseline == null ? "NaN" : baseline.toString())
                        .append(",0.3\n");
            }
            if (legacy) {
                // The counter names of real exports: the night is in the rows, not the name.
                String name = night.getDayOfMonth() == 7
                        ? night.toString().substring(0, 8) + "(" + night.getDayOfMonth() + ")"
                        : night.toString();
                put(
                        hrv + "Daily Heart Rate Variability Summary - " + name + ".csv",
                        "timestamp,rmssd,nremhr,entropy\n"
                                + (headerOnly
                                        ? ""
                                        : night + "T00:00:00,"
                                                + (legacyValues.rmssd() == 0 ? "0" : legacyValues.rmssd()) + ","
                                                + nrem + "," + entropy + "\n"));
                put(
                        hrv + "Daily Respiratory Rate Summary - " + night + ".csv",
                        "timestamp,daily_respiratory_rate\n" + (headerOnly ? "" : night + "T00:00:00," + br + "\n"));
                if (!headerOnly) {
                    spo2File.append(night)
                            .append("T00:00:00Z,")
                            .append(avg)
                            .append(',')
                            .append(avg - 2.5)
                            .append(',')
                            .append(avg + 2.1)
                            .append('\n');
                }
                windows(
                        random,
                        night,
                        headerOnly,
                        google,
                        other,
                        hrv + "Heart Rate Variability Details - " + name + ".csv",
                        googleWindows);
            } else if (google) {
                windows(random, night, false, true, other, null, googleWindows);
            }
            if (headerOnly || !legacy) {
                continue;
            }
            LocalDateTime sleepStart = night.minusDays(1).atTime(22, 30 + random.nextInt(29));
            LocalDateTime sleepEnd = night.atTime(6, random.nextInt(59));
            temperatureFile
                    .append("SLEEP,")
                    .append(sleepStart)
                    .append(',')
                    .append(sleepEnd)
                    .append(',')
                    .append(count)
                    .append(",34.5,")
                    .append(sum == null ? "NaN" : sum.toString())
                    .append(",12.3,0.4,0.5\n");
            // A short nap the same day must not replace the night's temperature.
            temperatureFile
                    .append("SLEEP,")
                    .append(night.atTime(14, 0))
                    .append(',')
                    .append(night.atTime(14, 40))
                    .append(",40,34.9,")
                    .append("77.0,1.0,0.1,0.1\n");
        }
        put(temperature + "Computed Temperature - " + temperatureStart + ".csv", temperatureFile.toString());
        put(spo2 + "Daily SpO2 - " + first + "-" + last + ".csv", spo2File.toString());
        if (layout.takeout()) {
            put(googleData() + "daily_heart_rate_variability.csv", googleHrv.toString());
            put(googleData() + "daily_respiratory_rate.csv", googleBreathing.toString());
            put(googleData() + "daily_oxygen_saturation.csv", googleSpo2.toString());
            put(googleData() + "daily_sleep_temperature_derivations.csv", googleTemperature.toString());
            googleWindows.forEach(
                    (month, file) -> put(googleData() + "heart_rate_variability_" + month + ".csv", file.toString()));
        }
    }

    /**
     * A night's windows, every 5 minutes of real time from 23:00 the evening before: through the
     * autumn change the wall clock repeats an hour, and the legacy file shows it twice. _GoogleData
     * holds the windows of its nights but every 11th (a month a file, named by its first day with
     * data, UTC instants; the first month's without a data source), RMSSD only, other values on
     * some; the newest night only there.
     *
     * @param legacyFile the legacy file's name; null where the legacy family lacks the night
     */
    private void windows(
            Random random,
            LocalDate night,
            boolean headerOnly,
            boolean google,
            boolean other,
            String legacyFile,
            Map<LocalDate, StringBuilder> googleWindows) {
        StringBuilder details = new StringBuilder("timestamp,rmssd,coverage,low_frequency,high_frequency\n");
        Instant start = night.minusDays(1).atTime(23, 0).atZone(zone).toInstant();
        for (int i = 0; i < 84 && !headerOnly; i++) {
            Instant t = start.plus(Duration.ofMinutes(5L * i));
            double rmssd = 10 + random.nextInt(60000) / 1000.0;
            double coverage = random.nextInt(1000) / 1000.0;
            double lf = random.nextInt(2000000) / 1000.0;
            double hf = random.nextInt(900000) / 1000.0;
            boolean legacy = legacyFile != null;
            Double googleRmssd =
                    google && (!legacy || i % 11 != 0) ? (other && i % 7 == 0 ? rmssd + 2.5 : rmssd) : null;
            hrvWindows.add(new HrvWindow(
                    night,
                    t,
                    legacy ? rmssd : null,
                    legacy ? coverage : null,
                    legacy ? lf : null,
                    legacy ? hf : null,
                    googleRmssd));
            if (legacy) {
                details.append(WALL.format(LocalDateTime.ofInstant(t, zone)))
                        .append(',')
                        .append(rmssd)
                        .append(',')
                        .append(coverage)
                        .append(',')
                        .append(lf)
                        .append(',')
                        .append(hf)
                        .append('\n');
            }
            if (googleRmssd != null) {
                LocalDate day = t.atZone(ZoneOffset.UTC).toLocalDate();
                boolean source = !day.getMonth().equals(first.getMonth());
                month(
                                googleWindows,
                                day,
                                () -> "timestamp,root mean square of successive differences milliseconds,"
                                        + "standard deviation milliseconds" + (source ? ",data source" : "") + "\n")
                        .append(t)
                        .append(',')
                        .append(googleRmssd)
                        .append(",0.0")
                        .append(source ? ",Charge 6\n" : "\n");
            }
        }
        if (legacyFile != null) {
            put(legacyFile, details.toString());
        }
    }

    /** The file of a month in {@code files}, named by its first day with data. */
    private static StringBuilder month(Map<LocalDate, StringBuilder> files, LocalDate day, Supplier<String> header) {
        LocalDate month = files.keySet().stream()
                .filter(m -> m.getMonth() == day.getMonth() && m.getYear() == day.getYear())
                .findFirst()
                .orElse(day);
        return files.computeIfAbsent(month, m -> new StringBuilder(header.get()));
    }

    /**
     * Minute SpO2 of each night from 23:30 to 05:30 every two minutes, UTC instants: one file a night
     * in the legacy family, and in Takeout layouts also a month a file in the _GoogleData family,
     * which lacks some readings, holds others alone, and disagrees on some (where it wins); both
     * hold the sensor's floor (50.0) now and then. The first month's file lacks the data source.
     */
    private void spo2Readings(Random random) {
        String legacy = folder("Oxygen Saturation (SpO2)", "Sleep");
        Map<LocalDate, StringBuilder> months = new TreeMap<>();
        for (LocalDate night = first.plusDays(1); !night.isAfter(last); night = night.plusDays(1)) {
            if (night.equals(notWorn)) {
                continue;
            }
            StringBuilder file = new StringBuilder("timestamp,value\n");
            Instant end = night.atTime(5, 30).atZone(zone).toInstant();
            for (Instant t = night.minusDays(1).atTime(23, 30).atZone(zone).toInstant();
                    t.isBefore(end);
                    t = t.plusSeconds(120)) {
                double value = random.nextInt(50) == 0 ? 50.0 : 90 + random.nextInt(100) / 10.0;
                int which = random.nextInt(12);
                // 0: only the legacy file; 1: only _GoogleData; 2: both, disagreeing; else both, alike.
                boolean inLegacy = which != 1 || !layout.takeout();
                boolean inGoogle = which != 0 && layout.takeout();
                double googleValue = which == 2 && value != 50.0 ? Math.round(value * 10 + 3) / 10.0 : value;
                String stamp = t.toString();
                if (inLegacy) {
                    file.append(stamp).append(',').append(value).append('\n');
                }
                if (inGoogle) {
                    LocalDate day = t.atZone(ZoneOffset.UTC).toLocalDate();
                    boolean source = !day.getMonth().equals(first.getMonth());
                    month(
                                    months,
                                    day,
                                    () -> "timestamp,oxygen saturation percentage" + (source ? ",data source" : "")
                                            + "\n")
                            .append(stamp)
                            .append(',')
                            .append(googleValue)
                            .append(source ? ",Inspire 3\n" : "\n");
                }
                spo2Readings.add(new Spo2Reading(t, inGoogle ? googleValue : value));
            }
            put(legacy + "Minute SpO2 - " + night + ".csv", file.toString());
        }
        months.forEach((month, file) -> put(googleData() + "oxygen_saturation_" + month + ".csv", file.toString()));
    }

    /** Paired Devices/: a device in both files, one only among the trackers. */
    private void devices() {
        put(
                layout.root + "Paired Devices/Devices.csv",
                "device_id,device_type,battery_level,last_sync_date_time\n1234567,Charge 6,80,2024-11-10T07:12:03\n");
        put(
                layout.root + "Paired Devices/Trackers.csv",
                "tracker_id,device_type,last_sync_date_time\n1234567,Charge 6,2024-11-10T07:12:03\n"
                        + "7654321,Inspire 3,2023-05-01T10:00:00\n");
        devices.add("Charge 6 (last sync 2024-11-10T07:12:03)");
        devices.add("Inspire 3 (last sync 2023-05-01T10:00:00)");
    }

    private void sleeps(Random random) {
        String folder = folder("Global Export Data", "Sleep");
        long logId = 40_000_000_000L;
        for (LocalDate fileStart = first; !fileStart.isAfter(last); fileStart = fileStart.plusDays(30)) {
            List<SleepLog> logs = new ArrayList<>();
            for (LocalDate night = fileStart;
                    night.isBefore(fileStart.plusDays(30)) && !night.isAfter(last);
                    night = night.plusDays(1)) {
                if (night.equals(notWorn)) {
                    continue;
                }
                LocalDateTime start = night.minusDays(1).atTime(22, random.nextInt(60));
                LocalDateTime end = night.atTime(5 + random.nextInt(3), random.nextInt(60));
                long millis =
                        Duration.between(start.atZone(zone), end.atZone(zone)).toMillis();
                int minutes = (int) (millis / 60_000);
                int awake = 20 + random.nextInt(30);
                int deep = 50 + random.nextInt(40);
                int rem = 60 + random.nextInt(40);
                int wake = awake;
                int light = minutes - deep - rem - wake;
                logs.add(new SleepLog(
                        logId++,
                        night,
                        start,
                        end,
                        millis,
                        true,
                        "stages",
                        minutes - awake,
                        awake,
                        deep,
                        light,
                        rem,
                        wake));
                if (night.getDayOfMonth() % 9 == 0) {
                    LocalDateTime napStart = night.atTime(14, 10);
                    logs.add(new SleepLog(
                            logId++,
                            night,
                            napStart,
                            napStart.plusMinutes(50),
                            50 * 60_000L,
                            false,
                            "classic",
                            45,
                            5,
                            0,
                            0,
                            0,
                            0));
                }
            }
            sleeps.addAll(logs);
            StringBuilder json = new StringBuilder("[");
            for (int i = logs.size() - 1; i >= 0; i--) {
                SleepLog s = logs.get(i);
                json.append(i == logs.size() - 1 ? "" : ",")
                        .append("{\n  \"logId\" : ")
                        .append(s.logId())
                        .append(",\n  \"dateOfSleep\" : \"")
                        .append(s.dateOfSleep())
                        .append("\",\n  \"startTime\" : \"")
                        .append(s.start())
                        .append(":00.000\",\n  \"endTime\" : \"")
                        .append(s.end())
                        .append(":00.000\",\n  \"duration\" : ")
                        .append(s.durationMillis())
                        .append(",\n  \"minutesToFallAsleep\" : 0,\n")
                        .append("  \"minutesAsleep\" : ")
                        .append(s.asleep())
                        .append(",\n  \"minutesAwake\" : ")
                        .append(s.awake())
                        .append(",\n  \"type\" : \"")
                        .append(s.type())
                        .append("\",\n  \"levels\" : ")
                        .append(
                                s.type().equals("stages")
                                        ? "{\n    \"summary\" : {\n      \"deep\" : {\"count\" : 3, \"minutes\" : "
                                                + s.deep() + ", \"thirtyDayAvgMinutes\" : 70},\n"
                                                + "      \"wake\" : {\"count\" : 20, \"minutes\" : " + s.wake()
                                                + "},\n      \"light\" : {\"count\" : 25, \"minutes\" : "
                                                + s.light() + "},\n      \"rem\" : {\"count\" : 6, \"minutes\" : "
                                                + s.rem() + "}\n    },\n    \"data\" : [{\"dateTime\" : \""
                                                + s.start()
                                                + ":00.000\", \"level\" : \"wake\", \"seconds\" : 600}]\n  }"
                                        : "{\n    \"summary\" : {\"asleep\" : {\"count\" : 0, \"minutes\" : 45}, \"awake\" : {\"count\" : 1, \"minutes\" : 5}},\n"
                                                + "    \"data\" : []\n  }")
                        .append(",\n  \"mainSleep\" : ")
                        .append(s.main())
                        .append("\n}");
            }
            put(folder + "sleep-" + fileStart + ".json", json.append("]").toString());
        }
    }

    private void junk() {
        put("Takeout/archive_browser.html", "<html>archive browser</html>");
        put(
                folder("Global Export Data", "Physical Activity") + "estimated_oxygen_variation-" + first + ".csv",
                "timestamp,Infrared to Red Signal Ratio\n");
        put(layout.root + "README.txt", "Your Fitbit data.");
    }

    // ---- writing it ------------------------------------------------------------------------------

    /** One zip with every entry. */
    public Path zip(Path file) {
        return zip(file, new ArrayList<>(entries.keySet()));
    }

    /** The export split over {@code parts} zips, entries dealt out in turn (as Takeout splits by size). */
    public List<Path> split(Path dir, int parts) {
        List<List<String>> names = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            names.add(new ArrayList<>());
        }
        int i = 0;
        for (String name : entries.keySet()) {
            names.get(i++ % parts).add(name);
        }
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            files.add(zip(dir.resolve(String.format("takeout-20241216T101010Z-%03d.zip", p + 1)), names.get(p)));
        }
        return files;
    }

    private Path zip(Path file, List<String> names) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** A gzipped tar (ustar; long names with GNU's 'L' records). */
    public Path tgz(Path file) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
                if (name.length > 100) {
                    out.write(tarHeader("././@LongLink", name.length + 1, 'L'));
                    out.write(name);
                    out.write(new byte[pad(name.length + 1) - name.length]);
                }
                out.write(tarHeader(entry.getKey(), entry.getValue().length, '0'));
                out.write(entry.getValue());
                out.write(new byte[pad(entry.getValue().length) - entry.getValue().length]);
            }
            out.write(new byte[1024]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private static int pad(int size) {
        return (size + 511) / 512 * 512;
    }

    private static byte[] tarHeader(String name, long size, char type) {
        byte[] header = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, header, 0, Math.min(100, nameBytes.length));
        put(header, 100, String.format("%07o", 0644));
        put(header, 108, String.format("%07o", 0));
        put(header, 116, String.format("%07o", 0));
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** Unpacked into {@code dir}, as someone who double-clicked the zip has it. */
    public Path folder(Path dir) {
        try {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                Path file = dir.resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, entry.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    /** The bytes of a zip holding these entries, with one replaced: a broken entry in an otherwise good archive. */
    public Path zipWith(Path file, String name, byte[] content) {
        byte[] saved = entries.put(name, content);
        try {
            return zip(file);
        } finally {
            entries.put(name, saved);
        }
    }

    public String entryName(String suffix) {
        return entries.keySet().stream()
                .filter(n -> n.endsWith(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(suffix));
    }
}
