package dev.fbx.archive;

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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The archive's heart-rate samples, the bulk of any export (millions a year), tuned for speed and
 * flat memory: files are inflated and parsed on a second thread a few days ahead ({@link ReadAhead}),
 * samples are packed as longs (epoch second above bpm) and sorted per local day, each instant is
 * written once, and the two files a sync's next week starts with are parsed once, not twice. A
 * local day's samples sit in its own file and its neighbours' (files are days of the account's
 * zone, times UTC; see docs/archive-formats.md).
 */
final class HeartRates {
    private static final long DAY = 86_400;
    /** Packs a sample as epoch seconds above its bpm, so that a day's samples sort as plain longs. */
    private static final int BPM_BITS = 10;

    private static final int BPM_MASK = (1 << BPM_BITS) - 1;

    /**
     * The samples of the files read last at the end of a heart-rate range, by entry name: the next
     * range begins with them. Used by one reader thread at a time (each joined before the next starts).
     */
    private final Map<String, long[]> edges = Collections.synchronizedMap(new LinkedHashMap<>(4, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 2;
        }
    });

    private final Archive archive;

    HeartRates(Archive archive) {
        this.archive = archive;
    }

    /** The range's samples of the account's local days, each instant once, or their means per window of the local clock. */
    void read(DateRange range, Resolution resolution, ZoneId zone, Consumer<? super HeartRateSample> out) {
        Offsets offsets = new Offsets(zone);
        Emitter emitter = new Emitter(resolution, new Offsets(offsets.zone), out);
        // The files are inflated and parsed on a second thread while this one writes the days already read.
        try (ReadAhead<Samples> days =
                new ReadAhead<>("fbx-archive-reader", 8, complete -> readDays(range, offsets, complete))) {
            for (Samples day = days.next(); day != null; day = days.next()) {
                emitter.day(day);
            }
        }
    }

    /** On the reader thread: the range's local days, each complete once the files it can be in are read. */
    private void readDays(DateRange range, Offsets offsets, Consumer<Samples> complete) {
        boolean json = archive.has(Family.HEART_RATE);
        Family family = json ? Family.HEART_RATE : Family.HEART_RATE_CSV;
        Collector days =
                new Collector(offsets, range.start().toEpochDay(), range.end().toEpochDay(), complete);
        for (LocalDate file = range.start().minusDays(1);
                !file.isAfter(range.end().plusDays(1));
                file = file.plusDays(1)) {
            for (Archive.Entry entry : archive.on(family, file)) {
                long[] read = edges.remove(entry.name());
                if (read != null) {
                    for (long sample : read) {
                        days.sample(sample >> BPM_BITS, (int) (sample & BPM_MASK));
                    }
                } else if (file.isBefore(range.end())) {
                    parse(entry, json, days);
                } else {
                    // The last two files are the first two of the next range (sync reads a week at a time): kept, read
                    // once.
                    Samples kept = new Samples();
                    parse(entry, json, (epochSecond, bpm) -> {
                        kept.add(epochSecond << BPM_BITS | Math.min(bpm, BPM_MASK));
                        days.sample(epochSecond, bpm);
                    });
                    edges.put(entry.name(), Arrays.copyOf(kept.values, kept.size));
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
                values = Arrays.copyOf(values, size * 2);
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
            Arrays.sort(samples.values, 0, samples.size);
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
        private final ZoneId zone;
        private final ZoneRules rules;
        private long from = Long.MAX_VALUE;
        private long until = Long.MIN_VALUE;
        private int offset;
        /** The offsets met so far: ZoneOffset.ofTotalSeconds looks each up in a shared map. */
        private final Map<Integer, ZoneOffset> zoneOffsets = new HashMap<>();

        private ZoneOffset last = ZoneOffset.UTC;

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

        ZoneOffset zoneOffset(int totalSeconds) {
            if (last.getTotalSeconds() != totalSeconds) {
                last = zoneOffsets.computeIfAbsent(totalSeconds, ZoneOffset::ofTotalSeconds);
            }
            return last;
        }
    }
}
