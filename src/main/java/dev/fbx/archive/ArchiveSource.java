package dev.fbx.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.dataset.ColumnType;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Profile;
import dev.fbx.record.Row;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A Fitbit archive (Google Takeout or fitbit.com) as a source: the same records as the APIs, read
 * offline from the archive's files with each file's own time convention (docs/archive-formats.md):
 * heart-rate samples are UTC instants shown in the account's zone, sleep, HRV windows and
 * temperature nights are local wall times given their offset, and daily values keep the day their
 * label names. Most data comes twice, in the legacy family of files and in the _GoogleData family;
 * every dataset reads both and merges them by one rule ({@link #merged}). A dataset whose files the
 * archive does not hold has no stream.
 */
public final class ArchiveSource implements Source {
    private static final Logger LOG = Logger.getLogger(ArchiveSource.class);
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
                NIGHTLY_DAYS,
                this::heartRateDays,
                nights(Dataset.HR_DAY, Family.RESTING_HEART_RATE_GOOGLE, "beats per minute"),
                Family.RESTING_HEART_RATE,
                Family.HEART_RATE_ZONES,
                Family.RESTING_HEART_RATE_GOOGLE);
        serve(
                Dataset.HRV_DAY,
                "nightly HRV",
                NIGHTLY_DAYS,
                // The legacy family has no deep-sleep RMSSD.
                nights(Dataset.HRV_DAY, Family.HRV_SUMMARY, "rmssd", null, "nremhr", "entropy"),
                nights(
                        Dataset.HRV_DAY,
                        Family.HRV_SUMMARY_GOOGLE,
                        "average heart rate variability milliseconds",
                        "deep sleep root mean square of successive differences milliseconds",
                        "non rem heart rate beats per minute",
                        "entropy"),
                Family.HRV_SUMMARY,
                Family.HRV_SUMMARY_GOOGLE);
        serve(
                Dataset.SPO2,
                "nightly SpO2",
                NIGHTLY_DAYS,
                nights(Dataset.SPO2, Family.SPO2, "average_value", "lower_bound", "upper_bound"),
                nights(
                        Dataset.SPO2,
                        Family.SPO2_GOOGLE,
                        "average percentage",
                        "lower bound percentage",
                        "upper bound percentage"),
                Family.SPO2,
                Family.SPO2_GOOGLE);
        serve(
                Dataset.BR,
                "breathing rate",
                NIGHTLY_DAYS,
                nights(Dataset.BR, Family.BREATHING_RATE, "daily_respiratory_rate"),
                nights(Dataset.BR, Family.BREATHING_RATE_GOOGLE, "breaths per minute"),
                Family.BREATHING_RATE,
                Family.BREATHING_RATE_GOOGLE);
        serve(
                Dataset.TEMP,
                "skin temperature",
                NIGHTLY_DAYS,
                this::skinTemperatureDays,
                this::googleSkinTemperatureDays,
                Family.TEMPERATURE,
                Family.TEMPERATURE_GOOGLE);
        serve(Dataset.SLEEP, "sleep", NIGHTLY_DAYS, this::sleeps, null, Family.SLEEP);
        serve(
                Dataset.HRV_INTRADAY,
                "5-minute HRV",
                HRV_WINDOW_DAYS,
                this::hrvSamples,
                this::googleHrvSamples,
                Family.HRV_DETAILS,
                Family.HRV_DETAILS_GOOGLE);
        serve(
                Dataset.SPO2_MINUTE,
                "SpO2 reading",
                HRV_WINDOW_DAYS,
                (range, out) -> spo2Samples(Family.SPO2_MINUTE, "value", range, out),
                (range, out) -> spo2Samples(Family.SPO2_MINUTE_GOOGLE, "oxygen saturation percentage", range, out),
                Family.SPO2_MINUTE,
                Family.SPO2_MINUTE_GOOGLE);
        // Heart-rate samples are the bulk of an archive: their own pipeline merges the families by the same rule.
        for (Dataset<HeartRateSample> samples :
                List.of(Dataset.HR_15MIN, Dataset.HR_5MIN, Dataset.HR_1MIN, Dataset.HR_1SEC)) {
            serve(
                    samples,
                    "heart-rate sample",
                    Stream.local(HEART_RATE_DAYS, (range, out) -> heartRates.read(range, samples, zone(), out)),
                    Family.HEART_RATE,
                    Family.HEART_RATE_CSV);
        }
    }

    /**
     * The dataset's stream, its rows read from both families ({@code google} null where the
     * _GoogleData family has none) and merged, when the archive holds files of one of
     * {@code families}.
     */
    private <R extends Row> void serve(
            Dataset<R> dataset,
            String what,
            int days,
            Stream.Request<R> legacy,
            Stream.Request<R> google,
            Family... families) {
        serve(dataset, what, Stream.local(days, (range, out) -> merged(dataset, range, legacy, google, out)), families);
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

    /**
     * The rule of docs/archive-formats.md ("What fbx reads, and how it merges the families"), for every dataset: the
     * rows of both families by key (a night, a window, a reading, a sleep's start), and where both
     * have a key, per column the _GoogleData value where it has one (it is what the Google Health
     * API serves), else the legacy one. Placeholders were read as no value; a row left without any
     * value is no row. Within one family, a later file's row replaces an earlier one's.
     */
    private <R extends Row> void merged(
            Dataset<R> dataset,
            DateRange range,
            Stream.Request<R> legacy,
            Stream.Request<R> google,
            Consumer<? super R> out) {
        TreeMap<Comparable<Object>, R> rows = rows(dataset, range, legacy);
        Map<Comparable<Object>, R> googleRows = google == null ? Map.of() : rows(dataset, range, google);
        int both = 0;
        for (Map.Entry<Comparable<Object>, R> row : googleRows.entrySet()) {
            R other = rows.get(row.getKey());
            both += other == null ? 0 : 1;
            rows.put(row.getKey(), other == null ? row.getValue() : dataset.merge(row.getValue(), other));
        }
        LOG.debugf(
                "archive: %s %s: %d rows from both families (_GoogleData's values first), %d from the legacy files"
                        + " only, %d from _GoogleData only",
                dataset, range, both, rows.size() - googleRows.size(), googleRows.size() - both);
        for (R row : rows.values()) {
            if (dataset.holdsValues(row)) {
                out.accept(row);
            }
        }
    }

    /** One family's rows of the range by their key; of rows with the same key, the last. */
    private static <R extends Row> TreeMap<Comparable<Object>, R> rows(
            Dataset<R> dataset, DateRange range, Stream.Request<R> family) {
        int key = dataset.columnNames().indexOf(dataset.key());
        TreeMap<Comparable<Object>, R> rows = new TreeMap<>();
        family.fetch(range, row -> {
            if (row != null && range.contains(row.day())) {
                Object value = dataset.value(row, key);
                @SuppressWarnings("unchecked")
                Comparable<Object> instantOrDay =
                        (Comparable<Object>) (value instanceof OffsetDateTime time ? time.toInstant() : value);
                rows.put(instantOrDay, row);
            }
        });
        return rows;
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

    /** The profile's id: the legacy Fitbit user id. */
    @Override
    public String account() {
        return profileFields().get("id");
    }

    @Override
    public Profile profile() {
        Map<String, String> fields = profileFields();
        String name = fields.getOrDefault("display_name", fields.get("full_name"));
        return new Profile(fields.get("id"), name, zone().getId(), devices());
    }

    /** The paired devices as "type (last sync time)", like the APIs': each once, though both files may list it. */
    private List<String> devices() {
        Set<String> devices = new LinkedHashSet<>();
        for (Archive.Entry entry : archive.undated(Family.DEVICES)) {
            Readers.csv(archive, entry, row -> {
                String type = row.get("device_type");
                if (type != null) {
                    String sync = row.get("last_sync_date_time");
                    devices.add(type + " (last sync " + (sync == null ? "unknown" : sync) + ")");
                }
            });
        }
        return List.copyOf(devices);
    }

    // ---- the days: resting heart rate and zones -------------------------------------------------

    private void heartRateDays(DateRange range, Consumer<HeartRateDay> out) {
        Map<LocalDate, Integer> resting = new HashMap<>();
        for (Archive.Entry entry : entries(Family.RESTING_HEART_RATE, range)) {
            Readers.jsonElements(archive, entry, element -> {
                JsonNode value = element.path("value");
                JsonNode date = value.path("date");
                Double bpm = number(value.path("value"));
                // A day without a value has "date": null and 0.0.
                if (date.isTextual() && bpm != null && bpm > 0) {
                    resting.put(Readers.slashDate(date.asText(), entry), (int) Math.round(bpm));
                }
            });
        }
        Map<LocalDate, Integer[]> zones = new HashMap<>();
        for (Archive.Entry entry : entries(Family.HEART_RATE_ZONES, range)) {
            Readers.jsonElements(archive, entry, element -> {
                JsonNode minutes = element.path("value").path("valuesInZones");
                if (minutes.isObject() && element.path("dateTime").isTextual()) {
                    zones.put(Readers.slashDate(element.path("dateTime").asText(), entry), new Integer[] {
                        minutes(minutes, "BELOW_DEFAULT_ZONE_1"),
                        minutes(minutes, "IN_DEFAULT_ZONE_1"),
                        minutes(minutes, "IN_DEFAULT_ZONE_2"),
                        minutes(minutes, "IN_DEFAULT_ZONE_3")
                    });
                }
            });
        }
        Set<LocalDate> days = new TreeSet<>(resting.keySet());
        days.addAll(zones.keySet());
        for (LocalDate day : days) {
            Integer[] z = zones.getOrDefault(day, new Integer[4]);
            // A day the tracker was not worn has zero minutes in every zone: no row.
            if (resting.containsKey(day) || Arrays.stream(z).anyMatch(m -> m != null && m > 0)) {
                out.accept(new HeartRateDay(day, resting.get(day), z[0], z[1], z[2], z[3]));
            }
        }
    }

    private static Integer minutes(JsonNode zones, String name) {
        Double value = number(zones.path(name));
        return value == null ? null : (int) Math.round(value);
    }

    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            double value = node.asDouble();
            return Double.isFinite(value) ? value : null;
        }
        return null;
    }

    // ---- the nights ------------------------------------------------------------------------------

    /**
     * A family's file of nights or days (a day label in {@code timestamp}) whose columns are the
     * dataset's after its date, one to one: {@code columns} names them in the dataset's order
     * (null: the family has none; the ones left out are none too). Each is a measurement: a
     * placeholder is no value.
     */
    private <R extends Row> Stream.Request<R> nights(Dataset<R> dataset, Family family, String... columns) {
        return (range, out) -> byDayLabel(family, range, out, (day, row, entry) -> {
            Object[] values = new Object[dataset.columns().size()];
            values[0] = day;
            for (int i = 0; i < columns.length; i++) {
                Double value = columns[i] == null ? null : Readers.measured(row.get(columns[i]), row, entry);
                values[i + 1] = value;
                if (value != null && dataset.columns().get(i + 1).type() == ColumnType.INTEGER) {
                    values[i + 1] = (int) Math.round(value);
                }
            }
            return dataset.record(day, values);
        });
    }

    /** A row of a CSV file whose timestamp is a day label, or null when the row holds no value. */
    @FunctionalInterface
    private interface LabelledRow<R> {
        R of(LocalDate day, Readers.CsvRow row, Archive.Entry entry);
    }

    /**
     * The rows of a family's CSV files dated by a day label in their {@code timestamp} column (the
     * date as written, midnight {@code Z} or not, never moved into the local zone).
     */
    private <R> void byDayLabel(Family family, DateRange range, Consumer<? super R> out, LabelledRow<R> toRow) {
        for (Archive.Entry entry : entries(family, range)) {
            Readers.csv(archive, entry, row -> {
                String timestamp = row.get("timestamp");
                R value = timestamp == null ? null : toRow.of(Readers.labelDay(timestamp, row, entry), row, entry);
                if (value != null) {
                    out.accept(value);
                }
            });
        }
    }

    /** A row of a CSV file of UTC instants, with its time in the account's zone and the night it belongs to. */
    @FunctionalInterface
    private interface NightRow<R> {
        R of(LocalDate night, OffsetDateTime time, Readers.CsvRow row, Archive.Entry entry);
    }

    /** The rows of a family's CSV files whose {@code timestamp} is a UTC instant ({@code Z}). */
    private <R> void byInstant(Family family, DateRange range, Consumer<? super R> out, NightRow<R> toRow) {
        ZoneId zone = zone();
        for (Archive.Entry entry : entries(family, range)) {
            Readers.csv(archive, entry, row -> {
                String timestamp = row.get("timestamp");
                if (timestamp != null) {
                    OffsetDateTime time =
                            Readers.instant(timestamp, row, entry).atZone(zone).toOffsetDateTime();
                    R value = toRow.of(night(time.toLocalDateTime()), time, row, entry);
                    if (value != null) {
                        out.accept(value);
                    }
                }
            });
        }
    }

    /** Measured in sleep: a window or reading before noon belongs to that day's night, after noon to the next day's. */
    private static LocalDate night(LocalDateTime local) {
        return local.getHour() < 12 ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    }

    private void hrvSamples(DateRange range, Consumer<HrvSample> out) {
        ZoneId zone = zone();
        for (Archive.Entry entry : entries(Family.HRV_DETAILS, range)) {
            // Local wall times: the repeated autumn hour is told apart by the order of the rows of one file.
            LocalTimes times = new LocalTimes(zone);
            Readers.csv(archive, entry, row -> {
                String timestamp = row.get("timestamp");
                if (timestamp != null) {
                    LocalDateTime local = Readers.localTime(timestamp, row.line(), entry);
                    out.accept(new HrvSample(
                            night(local),
                            times.at(local),
                            Readers.measured(row.get("rmssd"), row, entry),
                            Readers.number(row.get("coverage"), row, entry),
                            Readers.number(row.get("high_frequency"), row, entry),
                            Readers.number(row.get("low_frequency"), row, entry)));
                }
            });
        }
    }

    /** The _GoogleData family's windows: RMSSD only (its SDNN column is 0.0 in every export seen: no value). */
    private void googleHrvSamples(DateRange range, Consumer<HrvSample> out) {
        byInstant(
                Family.HRV_DETAILS_GOOGLE,
                range,
                out,
                (night, time, row, entry) -> new HrvSample(
                        night,
                        time,
                        Readers.measured(
                                row.get("root mean square of successive differences milliseconds"), row, entry),
                        null,
                        null,
                        null));
    }

    /** SpO2 readings of one family; the sensor's floor is no reading. */
    private void spo2Samples(Family family, String column, DateRange range, Consumer<Spo2Sample> out) {
        byInstant(family, range, out, (night, time, row, entry) -> {
            Double percentage = Readers.measured(row.get(column), row, entry);
            return new Spo2Sample(night, time, Spo2Sample.isReading(percentage) ? percentage : null);
        });
    }

    private void skinTemperatureDays(DateRange range, Consumer<SkinTemperatureDay> out) {
        // Per night (the day its sleep ends), the longest sleep's relative temperature: the main sleep's. A main
        // sleep without a value (NaN on a device's first nights) leaves the night without one, whatever a nap measured.
        Map<LocalDate, Duration> longest = new HashMap<>();
        Map<LocalDate, Double> relative = new HashMap<>();
        for (Archive.Entry entry : entries(Family.TEMPERATURE, range)) {
            Readers.csv(archive, entry, row -> {
                String start = row.get("sleep_start");
                String end = row.get("sleep_end");
                if (start == null || end == null) {
                    return;
                }
                LocalDateTime endTime = Readers.localTime(end, row.line(), entry);
                LocalDate night = endTime.toLocalDate();
                Duration length = Duration.between(Readers.localTime(start, row.line(), entry), endTime);
                if (!longest.containsKey(night) || length.compareTo(longest.get(night)) > 0) {
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
        relative.forEach((night, value) -> out.accept(new SkinTemperatureDay(night, value)));
    }

    private void googleSkinTemperatureDays(DateRange range, Consumer<SkinTemperatureDay> out) {
        byDayLabel(
                Family.TEMPERATURE_GOOGLE,
                range,
                out,
                (day, row, entry) -> SkinTemperatureDay.relative(
                        day,
                        Readers.number(row.get("nightly temperature celsius"), row, entry),
                        Readers.number(row.get("baseline temperature celsius"), row, entry)));
    }

    private void sleeps(DateRange range, Consumer<Sleep> out) {
        ZoneId zone = zone();
        for (Archive.Entry entry : entries(Family.SLEEP, range)) {
            Readers.jsonElements(archive, entry, log -> {
                if (!log.path("dateOfSleep").isTextual()) {
                    throw Readers.malformed(entry, "has a sleep without dateOfSleep");
                }
                LocalDate date =
                        Readers.labelDay(log.path("dateOfSleep").asText(), new Readers.CsvRow(Map.of(), 0), entry);
                if (!range.contains(date)) {
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
                out.accept(new Sleep(
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
     * The entries of a family that can hold rows of {@code range}, and those whose names hold no
     * date. A file holds a stretch of days starting (or ending; the archives do not say) at the date
     * in its name, and a night's readings start the evening before: from the last file named on or
     * before the day before the range to the first one named on or after the day after it.
     */
    private List<Archive.Entry> entries(Family family, DateRange range) {
        NavigableMap<LocalDate, List<Archive.Entry>> files = archive.dated(family);
        LocalDate from = files.floorKey(range.start().minusDays(1));
        LocalDate to = files.ceilingKey(range.end().plusDays(1));
        List<Archive.Entry> entries = new ArrayList<>();
        files.subMap(from == null ? LocalDate.MIN : from, true, to == null ? LocalDate.MAX : to, true)
                .values()
                .forEach(entries::addAll);
        entries.addAll(archive.undated(family));
        return entries;
    }

    @Override
    public void close() {
        archive.close();
    }
}
