package dev.fbx.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What fbx must print for a {@link TakeoutArchive}, as CSV lines without the header, computed from
 * the generator's own values with java.time's zone rules: no fbx code involved.
 */
public final class TakeoutExpected {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final TakeoutArchive archive;

    public TakeoutExpected(TakeoutArchive archive) {
        this.archive = archive;
    }

    private static boolean in(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private String time(Instant instant) {
        return TIME.format(OffsetDateTime.ofInstant(instant, archive.zone));
    }

    public static String number(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static String line(Object... values) {
        List<String> fields = new ArrayList<>();
        for (Object v : values) {
            fields.add(number(v));
        }
        return String.join(",", fields);
    }

    /** {@code hr --detail 1sec}: each sample once, at its local time with the offset in force. */
    public List<String> heartRateSamples(LocalDate from, LocalDate to) {
        return archive.samples.stream()
                .filter(s -> in(ZonedDateTime.ofInstant(s.time(), archive.zone).toLocalDate(), from, to))
                .map(s -> line(time(s.time()), s.bpm()))
                .toList();
    }

    /** {@code hr --detail 1min|5min|15min}: the mean per window of the local clock, two decimals half up; one window per offset in the repeated hour. */
    public List<String> heartRateWindows(LocalDate from, LocalDate to, int minutes) {
        Map<String, long[]> windows = new LinkedHashMap<>();
        for (TakeoutArchive.Sample s : archive.samples) {
            ZonedDateTime local = ZonedDateTime.ofInstant(s.time(), archive.zone);
            if (!in(local.toLocalDate(), from, to)) {
                continue;
            }
            LocalDateTime start =
                    local.toLocalDateTime().withSecond(0).withNano(0).withMinute(local.getMinute() / minutes * minutes);
            ZoneOffset offset = local.getOffset();
            String key = TIME.format(start.atOffset(offset));
            long[] sum = windows.computeIfAbsent(key, k -> new long[2]);
            sum[0] += s.bpm();
            sum[1]++;
        }
        return windows.entrySet().stream()
                .map(e -> e.getKey() + ","
                        + number(BigDecimal.valueOf(e.getValue()[0])
                                .divide(BigDecimal.valueOf(e.getValue()[1]), 2, RoundingMode.HALF_UP)))
                .toList();
    }

    /** {@code hr}: resting heart rate rounded, zone minutes; days not worn have no row. */
    public List<String> heartRateDays(LocalDate from, LocalDate to) {
        return archive.heartDays.stream()
                .filter(d -> in(d.date(), from, to) && d.zones() != null)
                .map(d -> line(
                        d.date(),
                        d.resting() == null ? null : Math.round(d.resting()),
                        d.zones()[0],
                        d.zones()[1],
                        d.zones()[2],
                        d.zones()[3]))
                .toList();
    }

    public List<String> hrvDays(LocalDate from, LocalDate to) {
        return archive.nights.stream()
                .filter(n -> in(n.date(), from, to))
                .map(n -> line(n.date(), n.rmssd(), null, null, null))
                .toList();
    }

    public List<String> breathingRates(LocalDate from, LocalDate to) {
        return archive.nights.stream()
                .filter(n -> in(n.date(), from, to))
                .map(n -> line(n.date(), n.breathingRate()))
                .toList();
    }

    /** Dated as labelled (midnight UTC is a day label), min/max the bounds. */
    public List<String> spo2(LocalDate from, LocalDate to) {
        return archive.nights.stream()
                .filter(n -> in(n.date(), from, to))
                .map(n -> line(n.date(), n.spo2Avg(), n.spo2Low(), n.spo2High()))
                .toList();
    }

    /** The main sleep's sample sum over its samples, three decimals; NaN nights have none. */
    /** The readings of the nights from {@code from} to {@code to}: a reading before noon is that day's night's, one after the next day's. */
    public List<String> spo2Minutes(LocalDate from, LocalDate to) {
        return archive.spo2Readings.stream()
                .filter(r -> r.value() != 50.0)
                .filter(r -> {
                    ZonedDateTime local = r.time().atZone(archive.zone);
                    return in(
                            local.getHour() < 12
                                    ? local.toLocalDate()
                                    : local.toLocalDate().plusDays(1),
                            from,
                            to);
                })
                .sorted(Comparator.comparing(TakeoutArchive.Spo2Reading::time))
                .map(r -> line(time(r.time()), r.value()))
                .toList();
    }

    public List<String> temperatures(LocalDate from, LocalDate to) {
        return archive.nights.stream()
                .filter(n -> in(n.date(), from, to) && n.temperatureSum() != null)
                .map(n -> line(
                        n.date(),
                        BigDecimal.valueOf(n.temperatureSum())
                                .divide(BigDecimal.valueOf(n.temperatureSamples()), 3, RoundingMode.HALF_UP)))
                .toList();
    }

    public List<String> hrvWindows(LocalDate from, LocalDate to) {
        return archive.hrvWindows.stream()
                .filter(w -> in(w.night(), from, to))
                .map(w -> line(time(w.time()), w.rmssd(), w.coverage(), w.hf(), w.lf()))
                .toList();
    }

    public List<String> sleeps(LocalDate from, LocalDate to) {
        return archive.sleeps.stream()
                .filter(s -> in(s.dateOfSleep(), from, to))
                .sorted(Comparator.comparing(s -> s.start().atZone(archive.zone).toInstant()))
                .map(s -> {
                    boolean stages = s.type().equals("stages");
                    return line(
                            s.dateOfSleep(),
                            TIME.format(s.start().atZone(archive.zone)),
                            TIME.format(s.end().atZone(archive.zone)),
                            s.main(),
                            s.asleep(),
                            s.awake(),
                            stages ? s.deep() : null,
                            stages ? s.light() : null,
                            stages ? s.rem() : null,
                            stages ? s.wake() : null);
                })
                .toList();
    }

    /** Lines of one local day of a dataset, as sync writes them into that day's file. */
    public static Map<LocalDate, List<String>> byDay(List<String> lines) {
        return lines.stream()
                .collect(Collectors.groupingBy(
                        l -> LocalDate.parse(l.substring(0, 10)), LinkedHashMap::new, Collectors.toList()));
    }
}
