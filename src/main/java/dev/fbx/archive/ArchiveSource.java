package dev.fbx.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Profile;
import dev.fbx.record.Row;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import dev.fbx.record.Spo2Sample;
import dev.fbx.source.LocalTimes;
import dev.fbx.source.Source;
import dev.fbx.source.Stream;
import dev.fbx.source.Streams;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A Fitbit archive (Google Takeout or fitbit.com) as a source: the same records as the APIs, read
 * offline from the archive's files with each file's own time convention (docs/archive-formats.md):
 * heart-rate samples are UTC instants shown in the account's zone, sleep, HRV windows and
 * temperature nights are local wall times given their offset, and daily values keep the day their
 * label names. A dataset whose files the archive does not hold has no stream.
 */
public final class ArchiveSource implements Source {
    /**
     * How many days sync hands a stream at a time. A day of heart rate is read with its two
     * neighbouring files (samples straddle midnight): a week at a time reads each file about once and
     * holds a week of rows at most. Nightly values are a row a day, read a year at a time.
     */
    private static final int HEART_RATE_DAYS = 7;

    private static final int HRV_WINDOW_DAYS = 30;
    private static final int NIGHTLY_DAYS = 366;

    private final Archive archive;
    private final HeartRates heartRates;
    private final ZoneId zoneOption;
    private final Streams streams = new Streams();
    private Map<String, String> profile;
    private ZoneId zone;

    private ArchiveSource(Archive archive, ZoneId zoneOption) {
        this.archive = archive;
        this.heartRates = new HeartRates(archive);
        this.zoneOption = zoneOption;
        serve(
                Dataset.HR_DAY,
                "resting heart rate or heart-rate zone",
                Stream.local(NIGHTLY_DAYS, this::heartRateDays),
                Family.RESTING_HEART_RATE,
                Family.HEART_RATE_ZONES);
        serve(Dataset.HRV_DAY, "nightly HRV", Stream.local(NIGHTLY_DAYS, this::hrvDays), Family.HRV_SUMMARY);
        serve(Dataset.SPO2, "nightly SpO2", Stream.local(NIGHTLY_DAYS, this::spo2Days), Family.SPO2);
        serve(Dataset.BR, "breathing rate", Stream.local(NIGHTLY_DAYS, this::breathingRateDays), Family.BREATHING_RATE);
        serve(
                Dataset.TEMP,
                "skin temperature",
                Stream.local(NIGHTLY_DAYS, this::skinTemperatureDays),
                Family.TEMPERATURE);
        serve(Dataset.SLEEP, "sleep", Stream.local(NIGHTLY_DAYS, this::sleeps), Family.SLEEP);
        serve(
                Dataset.HRV_INTRADAY,
                "5-minute HRV",
                Stream.local(HRV_WINDOW_DAYS, this::hrvSamples),
                Family.HRV_DETAILS);
        serve(
                Dataset.SPO2_MINUTE,
                "SpO2 reading",
                Stream.local(HRV_WINDOW_DAYS, this::spo2Samples),
                Family.SPO2_MINUTE,
                Family.SPO2_MINUTE_GOOGLE);
        for (Dataset<HeartRateSample> samples :
                List.of(Dataset.HR_15MIN, Dataset.HR_5MIN, Dataset.HR_1MIN, Dataset.HR_1SEC)) {
            serve(
                    samples,
                    "heart-rate sample",
                    Stream.local(
                            HEART_RATE_DAYS, (range, out) -> heartRates.read(range, samples.resolution(), zone(), out)),
                    Family.HEART_RATE,
                    Family.HEART_RATE_CSV);
        }
    }

    /** The dataset's stream when the archive holds files of one of {@code families}, else why not. */
    private <R extends Row> void serve(Dataset<R> dataset, String what, Stream<R> stream, Family... families) {
        if (Arrays.stream(families).anyMatch(archive::has)) {
            streams.with(dataset, stream);
        } else {
            streams.without(
                    dataset,
                    "the archive holds no " + what + " files ("
                            + String.join(
                                    " or ",
                                    Arrays.stream(families)
                                            .map(Family::describe)
                                            .toList()) + ")");
        }
    }

    @Override
    public Streams streams() {
        return streams;
    }

    /**
     * @param zone the account's zone from {@code --zone}; null to take it from the archive's profile
     */
    public static ArchiveSource open(List<Path> paths, ZoneId zone) {
        return new ArchiveSource(Archive.open(paths), zone);
    }

    public Archive archive() {
        return archive;
    }

    /** The days the archive's dated files name; sync starts at the first by default and leaves the last open. */
    @Override
    public Optional<DateRange> coverage() {
        return archive.firstDay() == null
                ? Optional.empty()
                : Optional.of(new DateRange(archive.firstDay(), archive.lastDay()));
    }

    /** The account's zone: {@code --zone} when given, else the profile's. */
    @Override
    public ZoneId zone() {
        if (zone == null) {
            if (zoneOption != null) {
                zone = zoneOption;
            } else {
                String id = profileFields().get("timezone");
                if (id == null || id.isBlank()) {
                    throw FbxException.usage(
                            "The archive names no time zone (Profile.csv has none): give the account's zone with --zone"
                                    + " (an IANA id such as Europe/Berlin).");
                }
                try {
                    zone = ZoneId.of(id.trim());
                } catch (DateTimeException e) {
                    throw Archive.broken(
                            profileEntry(),
                            "names the time zone '" + id + "', which is not a known IANA zone: give one with --zone",
                            e);
                }
            }
        }
        return zone;
    }

    /** Where the zone came from, for people: {@code --zone}, or the profile entry that names it. */
    public String zoneOrigin() {
        return zoneOption != null
                ? "--zone"
                : profileEntry() == null ? "none" : profileEntry().describe();
    }

    private Archive.Entry profileEntry() {
        return archive.undated(Family.PROFILE).stream().findFirst().orElse(null);
    }

    private Map<String, String> profileFields() {
        if (profile == null) {
            profile = new HashMap<>();
            Archive.Entry entry = profileEntry();
            if (entry != null) {
                Readers.csv(archive, entry, row -> {
                    if (profile.isEmpty()) {
                        row.values().forEach((k, v) -> {
                            if (v != null && !v.isEmpty()) {
                                profile.put(k, v);
                            }
                        });
                    }
                });
            }
        }
        return profile;
    }

    @Override
    public Profile profile() {
        Map<String, String> fields = profileFields();
        String name = fields.getOrDefault("display_name", fields.get("full_name"));
        return new Profile(fields.get("id"), name, zone().getId(), List.of());
    }

    // ---- heart rate --------------------------------------------------------------------------------

    private void heartRateDays(DateRange range, Consumer<HeartRateDay> out) {
        TreeMap<LocalDate, Integer> resting = new TreeMap<>();
        for (Archive.Entry entry : covering(Family.RESTING_HEART_RATE, range)) {
            Readers.jsonElements(archive, entry, element -> {
                JsonNode value = element.path("value");
                JsonNode date = value.path("date");
                Double bpm = number(value.path("value"));
                // A day without a value has "date": null and 0.0.
                if (date.isTextual() && bpm != null && bpm > 0) {
                    LocalDate day = Readers.slashDate(date.asText(), entry);
                    if (range.contains(day)) {
                        resting.put(day, (int) Math.round(bpm));
                    }
                }
            });
        }
        TreeMap<LocalDate, Integer[]> zones = new TreeMap<>();
        for (LocalDate day = range.start(); !day.isAfter(range.end()); day = day.plusDays(1)) {
            for (Archive.Entry entry : archive.on(Family.HEART_RATE_ZONES, day)) {
                Readers.jsonElements(archive, entry, element -> {
                    JsonNode minutes = element.path("value").path("valuesInZones");
                    if (!minutes.isObject() || !element.path("dateTime").isTextual()) {
                        return;
                    }
                    LocalDate date = Readers.slashDate(element.path("dateTime").asText(), entry);
                    if (range.contains(date)) {
                        zones.put(date, new Integer[] {
                            minutes(minutes, "BELOW_DEFAULT_ZONE_1"),
                            minutes(minutes, "IN_DEFAULT_ZONE_1"),
                            minutes(minutes, "IN_DEFAULT_ZONE_2"),
                            minutes(minutes, "IN_DEFAULT_ZONE_3")
                        });
                    }
                });
            }
        }
        TreeMap<LocalDate, HeartRateDay> rows = new TreeMap<>();
        for (LocalDate day : union(resting.keySet(), zones.keySet())) {
            Integer[] z = zones.getOrDefault(day, new Integer[4]);
            boolean worn =
                    resting.containsKey(day) || java.util.Arrays.stream(z).anyMatch(m -> m != null && m > 0);
            if (worn) {
                rows.put(day, new HeartRateDay(day, resting.get(day), z[0], z[1], z[2], z[3]));
            }
        }
        rows.values().forEach(out);
    }

    private static Integer minutes(JsonNode zones, String name) {
        Double value = number(zones.path(name));
        return value == null ? null : (int) Math.round(value);
    }

    private static Set<LocalDate> union(Set<LocalDate> a, Set<LocalDate> b) {
        Set<LocalDate> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            double value = node.asDouble();
            return Double.isFinite(value) ? value : null;
        }
        return null;
    }

    // ---- the nights ------------------------------------------------------------------------------

    private void hrvDays(DateRange range, Consumer<HrvDay> out) {
        byDayLabel(
                all(Family.HRV_SUMMARY),
                range,
                (day, row, entry) -> {
                    Double rmssd = Readers.number(row.get("rmssd"), row, entry);
                    // Archives do not carry the deep-sleep RMSSD: empty, never invented.
                    return rmssd == null ? null : new HrvDay(day, rmssd, null, null, null);
                },
                out);
    }

    /** A row of a CSV file whose timestamp is a day label, or null when the row holds no value. */
    @FunctionalInterface
    private interface LabelledRow<R> {
        R of(LocalDate day, Readers.CsvRow row, Archive.Entry entry);
    }

    /**
     * The rows of CSV files dated by a day label in their {@code timestamp} column (the date as
     * written, never moved into the local zone), one per day in {@code range}, in date order.
     */
    private <R> void byDayLabel(
            List<Archive.Entry> entries, DateRange range, LabelledRow<R> toRow, Consumer<? super R> out) {
        TreeMap<LocalDate, R> rows = new TreeMap<>();
        for (Archive.Entry entry : entries) {
            Readers.csv(archive, entry, row -> {
                String timestamp = row.get("timestamp");
                if (timestamp == null) {
                    return;
                }
                LocalDate day = Readers.labelDay(timestamp, row, entry);
                R value = range.contains(day) ? toRow.of(day, row, entry) : null;
                if (value != null) {
                    rows.put(day, value);
                }
            });
        }
        rows.values().forEach(out);
    }

    private void hrvSamples(DateRange range, Consumer<HrvSample> out) {
        ZoneId zone = zone();
        for (LocalDate file = range.start().minusDays(1);
                !file.isAfter(range.end().plusDays(1));
                file = file.plusDays(1)) {
            for (Archive.Entry entry : archive.on(Family.HRV_DETAILS, file)) {
                LocalTimes times = new LocalTimes(zone);
                List<HrvSample> windows = new ArrayList<>();
                Readers.csv(archive, entry, row -> {
                    String timestamp = row.get("timestamp");
                    if (timestamp == null) {
                        return;
                    }
                    LocalDateTime local = Readers.localTime(timestamp, row.line(), entry);
                    OffsetDateTime time = times.at(local);
                    // A window before noon belongs to that day's night, after noon to the next day's.
                    LocalDate night = local.getHour() < 12
                            ? local.toLocalDate()
                            : local.toLocalDate().plusDays(1);
                    if (range.contains(night)) {
                        windows.add(new HrvSample(
                                night,
                                time,
                                Readers.number(row.get("rmssd"), row, entry),
                                Readers.number(row.get("coverage"), row, entry),
                                Readers.number(row.get("high_frequency"), row, entry),
                                Readers.number(row.get("low_frequency"), row, entry)));
                    }
                });
                windows.sort(Comparator.comparing(w -> w.time().toInstant()));
                windows.forEach(out);
            }
        }
    }

    /**
     * The SpO2 readings of the range's nights from both families, each instant once (the
     * {@code _GoogleData} value where both have it), in the account's zone; a reading belongs to
     * the night its local time falls in (before noon: that day's), and the sensor's floor is none.
     */
    private void spo2Samples(DateRange range, Consumer<Spo2Sample> out) {
        ZoneId zone = zone();
        TreeMap<Instant, Double> readings = new TreeMap<>();
        List<Archive.Entry> legacy = new ArrayList<>();
        for (LocalDate file = range.start().minusDays(1);
                !file.isAfter(range.end().plusDays(1));
                file = file.plusDays(1)) {
            legacy.addAll(archive.on(Family.SPO2_MINUTE, file));
        }
        readings(legacy, "value", readings);
        readings(covering(Family.SPO2_MINUTE_GOOGLE, range), "oxygen saturation percentage", readings);
        readings.forEach((instant, percentage) -> {
            OffsetDateTime time = instant.atZone(zone).toOffsetDateTime();
            LocalDate night = time.getHour() < 12
                    ? time.toLocalDate()
                    : time.toLocalDate().plusDays(1);
            if (range.contains(night) && Spo2Sample.isReading(percentage)) {
                out.accept(new Spo2Sample(night, time, percentage));
            }
        });
    }

    /** The readings of CSV files of {@code timestamp} (UTC, {@code Z}) and {@code column}: a later file's value replaces an earlier one's. */
    private void readings(List<Archive.Entry> entries, String column, Map<Instant, Double> readings) {
        for (Archive.Entry entry : entries) {
            Readers.csv(archive, entry, row -> {
                String timestamp = row.get("timestamp");
                Double value = Readers.number(row.get(column), row, entry);
                if (timestamp != null && value != null) {
                    readings.put(Readers.instant(timestamp, row, entry), value);
                }
            });
        }
    }

    private void spo2Days(DateRange range, Consumer<Spo2Day> out) {
        List<Archive.Entry> entries = new ArrayList<>(all(Family.SPO2));
        entries.removeIf(e -> e.dates().size() == 2
                && (e.dates().get(0).isAfter(range.end()) || e.dates().get(1).isBefore(range.start())));
        // Midnight UTC is a day label here too.
        byDayLabel(
                entries,
                range,
                (day, row, entry) -> {
                    Double avg = Readers.number(row.get("average_value"), row, entry);
                    Double min = Readers.number(row.get("lower_bound"), row, entry);
                    Double max = Readers.number(row.get("upper_bound"), row, entry);
                    return avg == null && min == null && max == null ? null : new Spo2Day(day, avg, min, max);
                },
                out);
    }

    private void breathingRateDays(DateRange range, Consumer<BreathingRateDay> out) {
        byDayLabel(
                all(Family.BREATHING_RATE),
                range,
                (day, row, entry) -> {
                    Double rate = Readers.number(row.get("daily_respiratory_rate"), row, entry);
                    return rate == null ? null : new BreathingRateDay(day, rate);
                },
                out);
    }

    private void skinTemperatureDays(DateRange range, Consumer<SkinTemperatureDay> out) {
        // Per night (the day its sleep ends), the longest sleep's relative temperature: the main sleep's. A main
        // sleep without a value (NaN on a device's first nights) leaves the night without one, whatever a nap measured.
        TreeMap<LocalDate, Duration> longest = new TreeMap<>();
        TreeMap<LocalDate, Double> relative = new TreeMap<>();
        for (Archive.Entry entry : covering(Family.TEMPERATURE, range)) {
            Readers.csv(archive, entry, row -> {
                String start = row.get("sleep_start");
                String end = row.get("sleep_end");
                if (start == null || end == null) {
                    return;
                }
                LocalDateTime endTime = Readers.localTime(end, row.line(), entry);
                LocalDate night = endTime.toLocalDate();
                Duration length = Duration.between(Readers.localTime(start, row.line(), entry), endTime);
                if (range.contains(night)
                        && (!longest.containsKey(night) || length.compareTo(longest.get(night)) > 0)) {
                    Double samples = Readers.number(row.get("temperature_samples"), row, entry);
                    Double sum = Readers.number(row.get("baseline_relative_sample_sum"), row, entry);
                    longest.put(night, length);
                    relative.put(
                            night,
                            samples == null || sum == null || samples <= 0
                                    ? null
                                    : BigDecimal.valueOf(sum)
                                            .divide(BigDecimal.valueOf(samples), 3, RoundingMode.HALF_UP)
                                            .doubleValue());
                }
            });
        }
        relative.forEach((night, value) -> {
            if (value != null) {
                out.accept(new SkinTemperatureDay(night, value));
            }
        });
    }

    private void sleeps(DateRange range, Consumer<Sleep> out) {
        ZoneId zone = zone();
        Set<String> seen = new HashSet<>();
        List<Sleep> sleeps = new ArrayList<>();
        for (Archive.Entry entry : covering(Family.SLEEP, range)) {
            Readers.jsonElements(archive, entry, log -> {
                if (!log.path("dateOfSleep").isTextual()) {
                    throw Readers.malformed(entry, "has a sleep without dateOfSleep");
                }
                LocalDate date =
                        Readers.labelDay(log.path("dateOfSleep").asText(), new Readers.CsvRow(Map.of(), 0), entry);
                String id = log.path("logId").asText(log.path("startTime").asText());
                if (!range.contains(date) || !seen.add(id)) {
                    return;
                }
                Double millis = number(log.path("duration"));
                LocalTimes.Interval span = LocalTimes.interval(
                        zone,
                        Readers.localTime(log.path("startTime").asText(null), 0, entry),
                        Readers.localTime(log.path("endTime").asText(null), 0, entry),
                        millis == null ? null : Duration.ofMillis(millis.longValue()));
                JsonNode stages = "stages".equals(log.path("type").asText())
                        ? log.path("levels").path("summary")
                        : null;
                JsonNode main = log.has("mainSleep") ? log.path("mainSleep") : log.path("isMainSleep");
                sleeps.add(new Sleep(
                        date,
                        span.start(),
                        span.end(),
                        main.isBoolean() ? main.asBoolean() : null,
                        integer(log.path("minutesAsleep")),
                        integer(log.path("minutesAwake")),
                        stage(stages, "deep"),
                        stage(stages, "light"),
                        stage(stages, "rem"),
                        stage(stages, "wake")));
            });
        }
        sleeps.sort(Comparator.comparing(s -> s.start().toInstant()));
        sleeps.forEach(out);
    }

    private static Integer stage(JsonNode stages, String name) {
        return stages == null ? null : integer(stages.path(name).path("minutes"));
    }

    private static Integer integer(JsonNode node) {
        Double value = number(node);
        return value == null ? null : (int) Math.round(value);
    }

    // ---- which entries -----------------------------------------------------------------------------

    /**
     * The entries of a family whose files each hold a stretch of days starting (or ending; the
     * archives do not say) at the date in their name: from the last file named on or before the
     * range's first day to the first one named on or after its last day.
     */
    private List<Archive.Entry> covering(Family family, DateRange range) {
        NavigableMap<LocalDate, List<Archive.Entry>> files = archive.dated(family);
        LocalDate from = files.floorKey(range.start());
        LocalDate to = files.ceilingKey(range.end());
        List<Archive.Entry> entries = new ArrayList<>();
        files.subMap(from == null ? LocalDate.MIN : from, true, to == null ? LocalDate.MAX : to, true)
                .values()
                .forEach(entries::addAll);
        entries.addAll(archive.undated(family));
        return entries;
    }

    private List<Archive.Entry> all(Family family) {
        List<Archive.Entry> entries = new ArrayList<>();
        archive.dated(family).values().forEach(entries::addAll);
        entries.addAll(archive.undated(family));
        return entries;
    }

    @Override
    public void close() {
        archive.close();
    }
}
