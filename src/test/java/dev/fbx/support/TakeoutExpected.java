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

    /** {@code hr --detail 1sec}: each instant of either family once, at its local time with the offset in force. */
    public List<String> heartRateSamples(LocalDate from, LocalDate to) {
        return heartRateSamples(archive.samples, from, to);
    }

    public List<String> heartRateSamples(List<TakeoutArchive.Sample> samples, LocalDate from, LocalDate to) {
        return samples.stream()
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

    /** A value as fbx shows it: placeholders (0, 0.0, -1.0) are none. */
    private static Double measured(Double value) {
        return value == null || value <= 0 ? null : value;
    }

    /** A column both families have: _GoogleData's value where it has one, else the legacy family's. */
    private static Double either(
            TakeoutArchive.Night night, java.util.function.Function<TakeoutArchive.NightValues, Double> column) {
        Double google = night.google() == null ? null : measured(column.apply(night.google()));
        return google != null ? google : night.legacy() == null ? null : measured(column.apply(night.legacy()));
    }

    /** Lines of the nights in range, each with its values; a night without any value has no line. */
    private List<String> nights(
            LocalDate from, LocalDate to, java.util.function.Function<TakeoutArchive.Night, Object[]> values) {
        List<String> lines = new ArrayList<>();
        for (TakeoutArchive.Night night : archive.nights) {
            Object[] row = values.apply(night);
            if (in(night.date(), from, to) && java.util.Arrays.stream(row).anyMatch(v -> v != null)) {
                Object[] all = new Object[row.length + 1];
                all[0] = night.date();
                System.arraycopy(row, 0, all, 1, row.length);
                lines.add(line(all));
            }
        }
        return lines;
    }

    /** {@code hr}: resting heart rate rounded (_GoogleData's where it has one), zone minutes; days not worn have no row. */
    public List<String> heartRateDays(LocalDate from, LocalDate to) {
        return archive.heartDays.stream()
                .filter(d -> in(d.date(), from, to)
                        && (d.zones() != null || d.resting() != null || d.googleResting() != null))
                .map(d -> {
                    Double resting = d.googleResting() != null ? d.googleResting() : d.resting();
                    int[] zones = d.zones();
                    return line(
                            d.date(),
                            resting == null ? null : Math.round(resting),
                            zones == null ? null : zones[0],
                            zones == null ? null : zones[1],
                            zones == null ? null : zones[2],
                            zones == null ? null : zones[3]);
                })
                .toList();
    }

    /** {@code hrv}: per column _GoogleData's where it has one; the deep-sleep RMSSD only it has. */
    public List<String> hrvDays(LocalDate from, LocalDate to) {
        return nights(from, to, n -> new Object[] {
            either(n, TakeoutArchive.NightValues::rmssd),
            n.google() == null ? null : measured(n.google().deep()),
            either(n, TakeoutArchive.NightValues::nremHeartRate),
            either(n, TakeoutArchive.NightValues::entropy)
        });
    }

    public List<String> breathingRates(LocalDate from, LocalDate to) {
        return nights(from, to, n -> new Object[] {either(n, TakeoutArchive.NightValues::breathingRate)});
    }

    /** Dated as labelled (midnight UTC is a day label), min/max the bounds. */
    public List<String> spo2(LocalDate from, LocalDate to) {
        return nights(from, to, n -> new Object[] {
            either(n, TakeoutArchive.NightValues::spo2Avg),
            either(n, TakeoutArchive.NightValues::spo2Low),
            either(n, TakeoutArchive.NightValues::spo2High)
        });
    }

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

    /**
     * _GoogleData's nightly − baseline where it has both; else the legacy main sleep's sample sum
     * over its samples, three decimals; NaN nights have none.
     */
    public List<String> temperatures(LocalDate from, LocalDate to) {
        return nights(from, to, n -> new Object[] {
            n.googleNightly() != null && n.googleBaseline() != null
                    ? BigDecimal.valueOf(n.googleNightly()).subtract(BigDecimal.valueOf(n.googleBaseline()))
                    : n.temperatureSum() == null
                            ? null
                            : BigDecimal.valueOf(n.temperatureSum())
                                    .divide(BigDecimal.valueOf(n.temperatureSamples()), 3, RoundingMode.HALF_UP)
        });
    }

    /** RMSSD: _GoogleData's where it has the window; coverage, HF and LF only the legacy family has. */
    public List<String> hrvWindows(LocalDate from, LocalDate to) {
        return archive.hrvWindows.stream()
                .filter(w -> in(w.night(), from, to))
                .sorted(Comparator.comparing(TakeoutArchive.HrvWindow::time))
                .map(w -> line(
                        time(w.time()),
                        measured(w.googleRmssd()) != null ? w.googleRmssd() : w.rmssd(),
                        w.coverage(),
                        w.hf(),
                        w.lf()))
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
