package dev.fbx.archive;

import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Resolution;
import dev.fbx.record.HeartRateSample;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The archive's heart-rate samples, the bulk of any export (millions a year), tuned for speed and
 * flat memory. Both families are read: the legacy JSON files (a local day of the account's zone
 * each, times UTC) and the _GoogleData CSV files (a UTC day each), which mostly hold the same
 * samples but not all; every instant is written once, with the JSON's bpm where both hold it
 * (docs/archive-formats.md). Entries are inflated and scanned on worker threads a few ahead
 * ({@link ReadAhead}, {@link HeartRateFiles}) while this thread writes; samples are packed as longs
 * and sorted per local day; the files a sync's next week starts with are read once, not twice. A
 * local day's samples sit in the files of that day and its neighbours, in either family.
 */
final class HeartRates {
    private static final Logger LOG = Logger.getLogger(HeartRates.class);
    private static final long DAY = 86_400;
    /**
     * Packs a sample as epoch seconds above its family (the CSV's bit set) above its bpm, so that a
     * day's samples sort as plain longs: by instant, and of one instant the JSON's first.
     */
    private static final int BPM_BITS = 10;

    private static final int BPM_MASK = (1 << BPM_BITS) - 1;
    private static final long FROM_CSV = 1L << BPM_BITS;
    private static final int TIME_SHIFT = BPM_BITS + 1;
    /** Entries inflated at once: one per core (a few at most), while this thread writes. */
    private static final int THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * The samples of the files read last at the end of a heart-rate range (two days of both
     * families), by entry name: the next range begins with them.
     */
    private final Map<String, Samples> edges = new LinkedHashMap<>(8, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Samples> eldest) {
            return size() > 4;
        }
    };

    private final Archive archive;

    HeartRates(Archive archive) {
        this.archive = archive;
    }

    /** The range's samples of the account's local days, each instant once, or their means per window of the local clock. */
    void read(DateRange range, Dataset<HeartRateSample> dataset, ZoneId zone, Consumer<? super HeartRateSample> out) {
        Emitter emitter = new Emitter(dataset.resolution(), new Offsets(zone), out);
        Collector days = new Collector(
                new Offsets(zone), range.start().toEpochDay(), range.end().toEpochDay(), emitter::day);
        List<Archive.Entry> entries = new ArrayList<>();
        List<Supplier<Samples>> reads = new ArrayList<>();
        for (LocalDate file = range.start().minusDays(1);
                !file.isAfter(range.end().plusDays(1));
                file = file.plusDays(1)) {
            for (Family family : List.of(Family.HEART_RATE, Family.HEART_RATE_CSV)) {
                for (Archive.Entry entry : archive.on(family, file)) {
                    Samples kept = edges.remove(entry.name());
                    entries.add(entry);
                    reads.add(kept != null ? () -> kept : () -> read(entry));
                }
            }
        }
        // A tgz is read forward by one reader: its entries one at a time.
        int threads = archive.randomAccess() ? THREADS : 1;
        try (ReadAhead<Samples> read = new ReadAhead<>("fbx-archive-reader", threads, 2 * threads + 2, reads)) {
            for (Archive.Entry entry : entries) {
                // Every file named before this one's date is read: the days before the day before it are complete.
                days.completeUpTo(entry.date().toEpochDay() - 2);
                Samples samples = read.next();
                if (!entry.date().isBefore(range.end())) {
                    // The last files are the first of the next range (sync reads a week at a time): kept, read once.
                    edges.put(entry.name(), samples);
                }
                days.add(samples);
            }
        }
        days.completeUpTo(Long.MAX_VALUE);
        LOG.debugf(
                "archive: %s %s: %d instants in both families (the JSON's bpm), %d in the JSON files only, %d in"
                        + " _GoogleData's CSV files only",
                dataset, range, emitter.both, emitter.jsonOnly, emitter.csvOnly);
    }

    /** On a worker thread: an entry's samples, packed. */
    private Samples read(Archive.Entry entry) {
        Samples samples = new Samples();
        if (entry.family() == Family.HEART_RATE) {
            HeartRateFiles.json(archive, entry, (epochSecond, bpm) -> samples.add(epochSecond, 0, bpm));
        } else {
            HeartRateFiles.csv(archive, entry, (epochSecond, bpm) -> samples.add(epochSecond, FROM_CSV, bpm));
        }
        return samples;
    }

    /** Packed samples: an entry's, or a local day's. */
    private static final class Samples {
        long[] values = new long[4096];
        int size;

        void add(long epochSecond, long family, int bpm) {
            add(epochSecond << TIME_SHIFT | family | Math.min(bpm, BPM_MASK));
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    /** The samples read so far, by local day, until their day is complete. */
    private static final class Collector {
        private final TreeMap<Long, Samples> days = new TreeMap<>();
        private final Offsets offsets;
        private final long first;
        private final long last;
        private final Consumer<Samples> complete;

        Collector(Offsets offsets, long first, long last, Consumer<Samples> complete) {
            this.offsets = offsets;
            this.first = first;
            this.last = last;
            this.complete = complete;
        }

        void add(Samples samples) {
            // Samples come in runs of one day: the day of the previous one is kept at hand.
            long currentDay = Long.MIN_VALUE;
            Samples current = null;
            for (int i = 0; i < samples.size; i++) {
                long value = samples.values[i];
                long epochSecond = value >> TIME_SHIFT;
                long localDay = Math.floorDiv(epochSecond + offsets.at(epochSecond), DAY);
                if (localDay < first || localDay > last) {
                    continue;
                }
                if (localDay != currentDay) {
                    currentDay = localDay;
                    current = days.computeIfAbsent(localDay, d -> new Samples());
                }
                current.add(value);
            }
        }

        void completeUpTo(long day) {
            while (!days.isEmpty() && days.firstKey() <= day) {
                complete.accept(days.pollFirstEntry().getValue());
            }
        }
    }

    /** Writes a day's samples in time order, each instant once; or their means per window of the local clock. */
    private static final class Emitter {
        private final Resolution resolution;
        private final Offsets offsets;
        private final Consumer<? super HeartRateSample> out;
        private final long window;
        /** Instants by the families that hold them, for -v. */
        long both;

        long jsonOnly;
        long csvOnly;

        Emitter(Resolution resolution, Offsets offsets, Consumer<? super HeartRateSample> out) {
            this.resolution = resolution;
            this.offsets = offsets;
            this.out = out;
            this.window = resolution.window().toSeconds();
        }

        void day(Samples samples) {
            Arrays.sort(samples.values, 0, samples.size);
            long previous = Long.MIN_VALUE;
            // Whether the JSON holds the current instant and no CSV was seen to hold it yet.
            boolean jsonAlone = false;
            long windowStart = Long.MIN_VALUE;
            int windowOffset = 0;
            long sum = 0;
            int count = 0;
            for (int i = 0; i < samples.size; i++) {
                long value = samples.values[i];
                long epochSecond = value >> TIME_SHIFT;
                boolean csv = (value & FROM_CSV) != 0;
                if (epochSecond == previous) {
                    // The same instant again: the JSON's, sorted first, was written.
                    if (csv && jsonAlone) {
                        jsonAlone = false;
                        jsonOnly--;
                        both++;
                    }
                    continue;
                }
                previous = epochSecond;
                jsonAlone = !csv;
                if (csv) {
                    csvOnly++;
                } else {
                    jsonOnly++;
                }
                int bpm = (int) (value & BPM_MASK);
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
            ZoneOffset zoneOffset = offsets.zoneOffset(offset);
            long local = epochSecond + offset;
            long day = Math.floorDiv(local, DAY);
            if (day != localDay) {
                localDay = day;
                date = LocalDate.ofEpochDay(day);
            }
            return OffsetDateTime.of(LocalDateTime.of(date, LocalTime.ofSecondOfDay(local - day * DAY)), zoneOffset);
        }

        /** The mean to two decimals, half up. */
        private static Double mean(long sum, int count) {
            return ((sum * 200 + count) / (2L * count)) / 100.0;
        }
    }

    /** The zone's offset at an instant, in seconds; cached between the zone's transitions (millions of samples, a few transitions). */
    private static final class Offsets {
        private final ZoneRules rules;
        private long from = Long.MAX_VALUE;
        private long until = Long.MIN_VALUE;
        private int offset;
        /** The offsets met so far: ZoneOffset.ofTotalSeconds looks each up in a shared map. */
        private final Map<Integer, ZoneOffset> zoneOffsets = new HashMap<>();

        private ZoneOffset last = ZoneOffset.UTC;

        Offsets(ZoneId zone) {
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

        ZoneOffset zoneOffset(int totalSeconds) {
            if (last.getTotalSeconds() != totalSeconds) {
                last = zoneOffsets.computeIfAbsent(totalSeconds, ZoneOffset::ofTotalSeconds);
            }
            return last;
        }
    }
}
