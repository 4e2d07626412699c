package dev.fbx.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Profile;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import dev.fbx.source.LocalTimes;
import dev.fbx.source.Resolution;
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
 * offline from the archive's files with each file's own time convention (TAKEOUT.md): heart-rate
 * samples are UTC instants shown in the account's zone, sleep, HRV windows and temperature nights
 * are local wall times given their offset, and daily values keep the day their label names.
 */
public final class ArchiveSource implements HealthSource, AutoCloseable {
    private static final long DAY = 86_400;
    /** Packs a sample as epoch seconds above its bpm, so that a day's samples sort as plain longs. */
    private static final int BPM_BITS = 10;
    private static final int BPM_MASK = (1 << BPM_BITS) - 1;

    /**
     * The samples of the files read last at the end of a heart-rate range, by entry name: the next
     * range begins with them. Used by one reader thread at a time (each joined before the next starts).
     */
    private final Map<String, long[]> edges = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(4, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 2;
        }
    });

    private final Archive archive;
    private final ZoneId zoneOption;
    private Map<String, String> profile;
    private ZoneId zone;

    private ArchiveSource(Archive archive, ZoneId zoneOption) {
        this.archive = archive;
        this.zoneOption = zoneOption;
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
        return archive.firstDay() == null ? Optional.empty() : Optional.of(new DateRange(archive.firstDay(), archive.lastDay()));
    }

    /**
     * How many days sync hands this source at a time. A day of heart rate is read with its two
     * neighbouring files (samples straddle midnight): a week at a time reads each file about once and
     * holds a week of rows at most. Nightly values are a row a day, read a year at a time.
     */
    @Override
    public int daysPerRequest(Dataset dataset) {
        if (dataset.resolution() != null) {
            return 7;
        }
        return dataset == Dataset.HRV_INTRADAY ? 30 : 366;
    }

    /** An archive is read, not requested. */
    @Override
    public long requests(Dataset dataset, DateRange range) {
        return 0;
    }

    /** The account's zone: {@code --zone} when given, else the profile's. */
    public ZoneId zone() {
        if (zone == null) {
            if (zoneOption != null) {
                zone = zoneOption;
            } else {
                String id = profileFields().get("timezone");
                if (id == null || id.isBlank()) {
                    throw FbxException.usage("The archive names no time zone (Profile.csv has none): give the account's zone with --zone"
                            + " (an IANA id such as Europe/Berlin).");
                }
                try {
                    zone = ZoneId.of(id.trim());
                } catch (DateTimeException e) {
                    throw Archive.broken(profileEntry(), "names the time zone '" + id + "', which is not a known IANA zone: give one with --zone", e);
                }
            }
        }
        return zone;
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

    // ---- heart rate ------------------------------------------------------------------------------

    @Override
    public void heartRateSamples(DateRange range, Resolution resolution, Consumer<? super HeartRateSample> out) {
        Offsets offsets = new Offsets(zone());
        Emitter emitter = new Emitter(resolution, new Offsets(offsets.zone), out);
        // The files are inflated and parsed on a second thread while this one writes the days already read.
        try (ReadAhead<Samples> days = new ReadAhead<>("fbx-archive-reader", 8, complete -> readDays(range, offsets, complete))) {
            for (Samples day = days.next(); day != null; day = days.next()) {
                emitter.day(day);
            }
        }
    }

    /** On the reader thread: the range's local days, each complete once the files it can be in are read. */
    private void readDays(DateRange range, Offsets offsets, Consumer<Samples> complete) {
        boolean json = archive.has(Family.HEART_RATE);
        Family family = json ? Family.HEART_RATE : Family.HEART_RATE_CSV;
        Collector days = new Collector(offsets, range.start().toEpochDay(), range.end().toEpochDay(), complete);
        for (LocalDate file = range.start().minusDays(1); !file.isAfter(range.end().plusDays(1)); file = file.plusDays(1)) {
            for (Archive.Entry entry : archive.on(family, file)) {
                long[] read = edges.remove(entry.name());
                if (read != null) {
                    for (long sample : read) {
                        days.sample(sample >> BPM_BITS, (int) (sample & BPM_MASK));
                    }
                } else if (file.isBefore(range.end())) {
                    parse(entry, json, days);
                } else {
                    // The last two files are the first two of the next range (sync reads a week at a time): kept, read once.
                    Samples kept = new Samples();
                    parse(entry, json, (epochSecond, bpm) -> {
                        kept.add(epochSecond << BPM_BITS | Math.min(bpm, BPM_MASK));
                        days.sample(epochSecond, bpm);
                    });
                    edges.put(entry.name(), java.util.Arrays.copyOf(kept.values, kept.size));
                }
            }
            // A local day's samples sit in the files of that day and its neighbours: once the file of
            // day d is read, day d-1 is complete and goes out.
            days.completeUpTo(file.toEpochDay() - 1);
        }
        days.completeUpTo(Long.MAX_VALUE);
    }

    private void parse(Archive.Entry entry, boolean json, Readers.Samples out) {
        if (json) {
            Readers.heartRateJson(archive, entry, out);
        } else {
            Readers.heartRateCsv(archive, entry, out);
        }
    }

    /** The samples read so far, by local day, until their day is complete. */
    private static final class Collector implements Readers.Samples {
        private final TreeMap<Long, Samples> days = new TreeMap<>();
        private final Offsets offsets;
        private final long first;
        private final long last;
        private final Consumer<Samples> complete;
        /** The day the previous sample went to: samples come in runs of one day. */
        private long currentDay = Long.MIN_VALUE;
        private Samples current;

        Collector(Offsets offsets, long first, long last, Consumer<Samples> complete) {
            this.offsets = offsets;
            this.first = first;
            this.last = last;
            this.complete = complete;
        }

        @Override
        public void sample(long epochSecond, int bpm) {
            long localDay = Math.floorDiv(epochSecond + offsets.at(epochSecond), DAY);
            if (localDay < first || localDay > last) {
                return;
            }
            if (localDay != currentDay) {
                currentDay = localDay;
                current = days.computeIfAbsent(localDay, d -> new Samples());
            }
            current.add(epochSecond << BPM_BITS | Math.min(bpm, BPM_MASK));
        }

        void completeUpTo(long day) {
            while (!days.isEmpty() && days.firstKey() <= day) {
                complete.accept(days.pollFirstEntry().getValue());
            }
            currentDay = Long.MIN_VALUE;
        }
    }

    /** One local day's samples, packed. */
    private static final class Samples {
        long[] values = new long[4096];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    /** Writes a day's samples in time order, each instant once; or their means per window of the local clock. */
    private static final class Emitter {
        private final Resolution resolution;
        private final Offsets offsets;
        private final Consumer<? super HeartRateSample> out;
        private final long window;

        Emitter(Resolution resolution, Offsets offsets, Consumer<? super HeartRateSample> out) {
            this.resolution = resolution;
            this.offsets = offsets;
            this.out = out;
            this.window = resolution.window().toSeconds();
        }

        void day(Samples samples) {
            java.util.Arrays.sort(samples.values, 0, samples.size);
            long previous = Long.MIN_VALUE;
            long windowStart = Long.MIN_VALUE;
            int windowOffset = 0;
            long sum = 0;
            int count = 0;
            for (int i = 0; i < samples.size; i++) {
                long epochSecond = samples.values[i] >> BPM_BITS;
                if (epochSecond == previous) {
                    continue;
                }
                previous = epochSecond;
                int bpm = (int) (samples.values[i] & BPM_MASK);
                int offset = offsets.at(epochSecond);
                if (resolution == Resolution.SECOND) {
                    out.accept(new HeartRateSample(time(epochSecond, offset), bpm));
                    continue;
                }
                // Windows of the local clock; in the repeated autumn hour the two passes differ in offset.
                long local = Math.floorDiv(epochSecond + offset, window) * window;
                if (count > 0 && (local != windowStart || offset != windowOffset)) {
                    out.accept(new HeartRateSample(time(windowStart - windowOffset, windowOffset), mean(sum, count)));
                    sum = 0;
                    count = 0;
                }
                windowStart = local;
                windowOffset = offset;
                sum += bpm;
                count++;
            }
            if (count > 0) {
                out.accept(new HeartRateSample(time(windowStart - windowOffset, windowOffset), mean(sum, count)));
            }
        }

        /** The local date of the previous time: a day's millions of times share a few dates. */
        private long localDay = Long.MIN_VALUE;
        private LocalDate date;

        private OffsetDateTime time(long epochSecond, int offset) {
            java.time.ZoneOffset zoneOffset = offsets.zoneOffset(offset);
            long local = epochSecond + offset;
            long day = Math.floorDiv(local, DAY);
            if (day != localDay) {
                localDay = day;
                date = LocalDate.ofEpochDay(day);
            }
            return OffsetDateTime.of(LocalDateTime.of(date, java.time.LocalTime.ofSecondOfDay(local - day * DAY)), zoneOffset);
        }

        /** The mean to two decimals, half up. */
        private static Double mean(long sum, int count) {
            return ((sum * 200 + count) / (2L * count)) / 100.0;
        }
    }

    /** The zone's offset at an instant, in seconds; cached between the zone's transitions (millions of samples, a few transitions). */
    private static final class Offsets {
        private final ZoneId zone;
        private final java.time.zone.ZoneRules rules;
        private long from = Long.MAX_VALUE;
        private long until = Long.MIN_VALUE;
        private int offset;
        /** The offsets met so far: ZoneOffset.ofTotalSeconds looks each up in a shared map. */
        private final Map<Integer, java.time.ZoneOffset> zoneOffsets = new HashMap<>();
        private java.time.ZoneOffset last = java.time.ZoneOffset.UTC;

        Offsets(ZoneId zone) {
            this.zone = zone;
            this.rules = zone.getRules();
        }

        int at(long epochSecond) {
            if (epochSecond < from || epochSecond >= until) {
                java.time.Instant instant = java.time.Instant.ofEpochSecond(epochSecond);
                offset = rules.getOffset(instant).getTotalSeconds();
                var previous = rules.previousTransition(instant.plusSeconds(1));
                var next = rules.nextTransition(instant);
                from = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
                until = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            }
            return offset;
        }

        java.time.ZoneOffset zoneOffset(int totalSeconds) {
            if (last.getTotalSeconds() != totalSeconds) {
                last = zoneOffsets.computeIfAbsent(totalSeconds, java.time.ZoneOffset::ofTotalSeconds);
            }
            return last;
        }
    }

    @Override
    public void heartRateDays(DateRange range, Consumer<? super HeartRateDay> out) {
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
                        zones.put(date, new Integer[] {minutes(minutes, "BELOW_DEFAULT_ZONE_1"), minutes(minutes, "IN_DEFAULT_ZONE_1"),
                            minutes(minutes, "IN_DEFAULT_ZONE_2"), minutes(minutes, "IN_DEFAULT_ZONE_3")});
                    }
                });
            }
        }
        TreeMap<LocalDate, HeartRateDay> rows = new TreeMap<>();
        for (LocalDate day : union(resting.keySet(), zones.keySet())) {
            Integer[] z = zones.getOrDefault(day, new Integer[4]);
            boolean worn = resting.containsKey(day) || java.util.Arrays.stream(z).anyMatch(m -> m != null && m > 0);
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

    @Override
    public void hrvDays(DateRange range, Consumer<? super HrvDay> out) {
        byDayLabel(all(Family.HRV_SUMMARY), range, (day, row, entry) -> {
            Double rmssd = Readers.number(row.get("rmssd"), row, entry);
            // Archives do not carry the deep-sleep RMSSD: empty, never invented.
            return rmssd == null ? null : new HrvDay(day, rmssd, null);
        }, out);
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
    private <R> void byDayLabel(List<Archive.Entry> entries, DateRange range, LabelledRow<R> toRow, Consumer<? super R> out) {
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

    @Override
    public void hrvSamples(DateRange range, Consumer<? super HrvSample> out) {
        ZoneId zone = zone();
        for (LocalDate file = range.start().minusDays(1); !file.isAfter(range.end().plusDays(1)); file = file.plusDays(1)) {
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
                    LocalDate night = local.getHour() < 12 ? local.toLocalDate() : local.toLocalDate().plusDays(1);
                    if (range.contains(night)) {
                        windows.add(new HrvSample(night, time, Readers.number(row.get("rmssd"), row, entry),
                                Readers.number(row.get("coverage"), row, entry), Readers.number(row.get("high_frequency"), row, entry),
                                Readers.number(row.get("low_frequency"), row, entry)));
                    }
                });
                windows.sort(Comparator.comparing(w -> w.time().toInstant()));
                windows.forEach(out);
            }
        }
    }

    @Override
    public void spo2Days(DateRange range, Consumer<? super Spo2Day> out) {
        List<Archive.Entry> entries = new ArrayList<>(all(Family.SPO2));
        entries.removeIf(e -> e.dates().size() == 2 && (e.dates().get(0).isAfter(range.end()) || e.dates().get(1).isBefore(range.start())));
        // Midnight UTC is a day label here too.
        byDayLabel(entries, range, (day, row, entry) -> {
            Double avg = Readers.number(row.get("average_value"), row, entry);
            Double min = Readers.number(row.get("lower_bound"), row, entry);
            Double max = Readers.number(row.get("upper_bound"), row, entry);
            return avg == null && min == null && max == null ? null : new Spo2Day(day, avg, min, max);
        }, out);
    }

    @Override
    public void breathingRateDays(DateRange range, Consumer<? super BreathingRateDay> out) {
        byDayLabel(all(Family.BREATHING_RATE), range, (day, row, entry) -> {
            Double rate = Readers.number(row.get("daily_respiratory_rate"), row, entry);
            return rate == null ? null : new BreathingRateDay(day, rate);
        }, out);
    }

    @Override
    public void skinTemperatureDays(DateRange range, Consumer<? super SkinTemperatureDay> out) {
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
                if (range.contains(night) && (!longest.containsKey(night) || length.compareTo(longest.get(night)) > 0)) {
                    Double samples = Readers.number(row.get("temperature_samples"), row, entry);
                    Double sum = Readers.number(row.get("baseline_relative_sample_sum"), row, entry);
                    longest.put(night, length);
                    relative.put(night, samples == null || sum == null || samples <= 0 ? null
                            : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(samples), 3, RoundingMode.HALF_UP).doubleValue());
                }
            });
        }
        relative.forEach((night, value) -> {
            if (value != null) {
                out.accept(new SkinTemperatureDay(night, value));
            }
        });
    }

    @Override
    public void sleeps(DateRange range, Consumer<? super Sleep> out) {
        ZoneId zone = zone();
        Set<String> seen = new HashSet<>();
        List<Sleep> sleeps = new ArrayList<>();
        for (Archive.Entry entry : covering(Family.SLEEP, range)) {
            Readers.jsonElements(archive, entry, log -> {
                if (!log.path("dateOfSleep").isTextual()) {
                    throw Readers.malformed(entry, "has a sleep without dateOfSleep");
                }
                LocalDate date = Readers.labelDay(log.path("dateOfSleep").asText(), new Readers.CsvRow(Map.of(), 0), entry);
                String id = log.path("logId").asText(log.path("startTime").asText());
                if (!range.contains(date) || !seen.add(id)) {
                    return;
                }
                Double millis = number(log.path("duration"));
                LocalTimes.Interval span = LocalTimes.interval(zone, Readers.localTime(log.path("startTime").asText(null), 0, entry),
                        Readers.localTime(log.path("endTime").asText(null), 0, entry), millis == null ? null : Duration.ofMillis(millis.longValue()));
                JsonNode stages = "stages".equals(log.path("type").asText()) ? log.path("levels").path("summary") : null;
                JsonNode main = log.has("mainSleep") ? log.path("mainSleep") : log.path("isMainSleep");
                sleeps.add(new Sleep(date, span.start(), span.end(), main.isBoolean() ? main.asBoolean() : null,
                        integer(log.path("minutesAsleep")), integer(log.path("minutesAwake")), stage(stages, "deep"), stage(stages, "light"),
                        stage(stages, "rem"), stage(stages, "wake")));
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
        files.subMap(from == null ? LocalDate.MIN : from, true, to == null ? LocalDate.MAX : to, true).values().forEach(entries::addAll);
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
