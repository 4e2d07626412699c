package dev.fbx.report;

import static dev.fbx.report.Svg.esc;
import static dev.fbx.report.Svg.legend;
import static dev.fbx.report.Svg.num;
import static dev.fbx.report.Svg.percent;
import static dev.fbx.report.Svg.value;

import dev.fbx.record.Sleep;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.IntPredicate;

/**
 * The report page: one HTML file with inline SVG and an inline style sheet, nothing fetched. Every
 * chart shares one time axis (a column per day), so a night lines up across all of them. A day
 * without data is left empty: lines break there (a new path segment), nothing is interpolated.
 * Colours are the Okabe–Ito palette, which stays distinct under the common colour-blindnesses, and
 * no meaning rests on colour alone: nights outside the normal range are also ringed.
 */
public final class HtmlReport {
    /** Who and what the page is about, shown in its header. */
    public record Header(String account, String source, Instant madeAt) {}

    /** A day counts as worn when this many of its hours hold heart-rate data: the usual valid-day rule of wear-time checks. */
    static final int WORN_HOURS = 10;

    private static final int WIDTH = 1000;
    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int PLOT = WIDTH - LEFT - RIGHT;

    private static final String STYLE = Svg.PAGE_STYLE + """
            p{margin:.2em 0}
            .note{color:#555;font-size:.9em}
            .key{display:flex;flex-wrap:wrap;gap:.2em 1.2em;font-size:.9em;color:#333;margin:.2em 0}
            .key svg{vertical-align:middle;margin-right:.3em}
            .fig{overflow-x:auto}
            svg.chart{display:block;width:100%;min-width:600px;height:auto}
            svg text{font-size:13px;fill:#333}
            .grid{stroke:#e2e2e2;stroke-width:1}
            .axis{stroke:#777;stroke-width:1}
            .empty{fill:#888;font-style:italic}
            .band{fill:#56B4E9;fill-opacity:.32}
            .values{fill:none;stroke:#0072B2;stroke-width:1.2;stroke-linejoin:round}
            .v{fill:#0072B2}
            .mean7{fill:none;stroke:#000;stroke-width:2.4;stroke-linejoin:round}
            .out{fill:none;stroke:#D55E00;stroke-width:2}
            .window{fill:#0072B2}
            .deep{fill:#0a3d78}.light{fill:#56B4E9}.rem{fill:#CC79A7}.wake{fill:#E69F00}.asleep{fill:#999}
            .zero{stroke:#777;stroke-dasharray:4 3}
            .nodata{fill:#f0f0f0}
            .hours{fill:#0072B2}
            .hrvnights{fill:#E69F00}
            .big{font-size:1.08em;font-weight:600}
            @media (max-width:640px){body{font-size:14px;padding:8px}}
            @media print{body{max-width:none;font-size:10.5pt;padding:0}section{break-inside:avoid}\
            .fig{overflow:visible}svg.chart{min-width:0}}
            """;

    private final ReportData data;
    private final Header header;
    private final LocalDate start;
    private final int days;
    private final TimeAxis axis;
    private final StringBuilder out = new StringBuilder(1 << 18);

    private HtmlReport(ReportData data, Header header) {
        this.data = data;
        this.header = header;
        this.start = data.range().start();
        this.days = (int) data.range().days();
        this.axis = new TimeAxis(start, data.range().end(), LEFT, PLOT, WIDTH);
    }

    public static String render(ReportData data, Header header) {
        return new HtmlReport(data, header).page();
    }

    private String page() {
        String range = data.range().start() + " to " + data.range().end();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>fbx report ")
                .append(esc(range))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<h1>Heart rate, HRV and sleep, ")
                .append(esc(range))
                .append("</h1>\n<dl>\n");
        definition("Account", header.account());
        definition("Source", header.source());
        definition("Range", range + " (" + days + (days == 1 ? " day)" : " days)"));
        LocalDateTime made = LocalDateTime.ofInstant(header.madeAt(), ZoneOffset.UTC);
        definition("Made", made.toLocalDate() + " " + clock(made.getHour(), made.getMinute()) + " UTC by fbx");
        out.append("</dl>\n</header>\n");
        List<Baseline.Night> hrv = Baseline.of(data.hrv, start, data.range().end());
        List<Baseline.Night> rhr =
                Baseline.of(data.restingHeartRate, start, data.range().end());
        trend("hrv", "Heart-rate variability", "ms", "nightly RMSSD", hrv, 1);
        trend("rhr", "Resting heart rate", "bpm", "resting heart rate", rhr, 0);
        sleepWindow();
        sleepStages();
        out.append("<section id=\"physiology\">\n<h2>Breathing, oxygen and skin temperature</h2>\n")
                .append(
                        "<p class=\"note\">Of the main sleep, on the day it ends. Small multiples on the same time axis as above.</p>\n");
        small("spo2", "SpO2, night average", "%", data.spo2, 1, false);
        small("br", "Breathing rate", "breaths/min", data.breathingRate, 1, false);
        small("temp", "Skin temperature, relative to baseline", "°C", data.skinTemperature, 2, true);
        out.append("</section>\n");
        coverage();
        out.append("<footer><p class=\"note\">Made by fbx from ")
                .append(esc(header.source()))
                .append(". Normal range: mean ± 1 SD (sample SD) of the ")
                .append(Baseline.BAND_NIGHTS)
                .append(" nights before each night, shown when at least ")
                .append(Baseline.BAND_MIN)
                .append(" of them have data. Rolling mean: the ")
                .append(Baseline.MEAN_NIGHTS)
                .append(" nights ending with each night, shown when at least ")
                .append(Baseline.MEAN_MIN)
                .append(" have data.</p></footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private void definition(String term, String text) {
        Svg.definition(out, term, text);
    }

    // ---- the time axis, shared by every chart

    private double x(int day) {
        return axis.x(day);
    }

    private double dayWidth() {
        return axis.dayWidth();
    }

    private int index(LocalDate day) {
        return axis.index(day);
    }

    private void timeAxis(double top, double bottom) {
        axis.draw(out, top, bottom, false);
    }

    /** Maps values to the plot's height, over round ticks that include every value given. */
    private final class Scale {
        final double[] ticks;
        final double top;
        final double bottom;

        Scale(double lo, double hi, double top, double bottom) {
            this.ticks = Svg.ticks(lo, hi);
            this.top = top;
            this.bottom = bottom;
        }

        double y(double value) {
            double lo = ticks[0];
            double hi = ticks[ticks.length - 1];
            return bottom - (value - lo) / (hi - lo) * (bottom - top);
        }

        /** Horizontal grid lines with their labels, and the unit above the axis. */
        void draw(String unit, java.util.function.DoubleFunction<String> label) {
            out.append("<g class=\"values-axis\">");
            for (double tick : ticks) {
                double y = y(tick);
                gridLine(y, label.apply(tick));
            }
            out.append("<text x=\"4\" y=\"")
                    .append(num(top - 10))
                    .append("\">")
                    .append(esc(unit))
                    .append("</text>");
            out.append("<line class=\"axis\" x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(LEFT)
                    .append("\" y1=\"")
                    .append(num(top))
                    .append("\" y2=\"")
                    .append(num(bottom))
                    .append("\"/></g>\n");
        }
    }

    private void openSvg(String id, int height, String label) {
        out.append("<div class=\"fig\"><svg class=\"chart\" id=\"")
                .append(id)
                .append("-chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(label))
                .append("\">\n");
    }

    private void closeSvg() {
        out.append("</svg></div>\n");
    }

    /** A horizontal grid line across the plot at {@code y}, labelled left of the plot. */
    private void gridLine(double y, String label) {
        out.append("<line class=\"grid\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(LEFT + PLOT)
                .append("\" y1=\"")
                .append(num(y))
                .append("\" y2=\"")
                .append(num(y))
                .append("\"/><text x=\"")
                .append(LEFT - 6)
                .append("\" y=\"")
                .append(num(y + 4))
                .append("\" text-anchor=\"end\">")
                .append(esc(label))
                .append("</text>");
    }

    private void noData(int height) {
        out.append("<text class=\"empty\" x=\"")
                .append(LEFT + PLOT / 2)
                .append("\" y=\"")
                .append(height / 2)
                .append("\" text-anchor=\"middle\">No data in this range</text>\n");
    }

    /** Appends the runs of consecutive days where {@code has} holds as one path's segments: a day without data breaks the line. */
    private void line(String cssClass, IntPredicate has, java.util.function.IntToDoubleFunction y) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < days; i++) {
            if (!has.test(i)) {
                continue;
            }
            d.append(i > 0 && has.test(i - 1) ? " L" : (d.isEmpty() ? "M" : " M"))
                    .append(num(x(i)))
                    .append(' ')
                    .append(num(y.applyAsDouble(i)));
        }
        if (!d.isEmpty()) {
            out.append("<path class=\"")
                    .append(cssClass)
                    .append("\" d=\"")
                    .append(d)
                    .append("\"/>\n");
        }
    }

    // ---- HRV and resting heart rate: the night, its 7-night mean, its normal range

    private void trend(String id, String title, String unit, String what, List<Baseline.Night> nights, int decimals) {
        int height = 270;
        double top = 26;
        double bottom = 240;
        out.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(esc(title))
                .append(" (")
                .append(esc(unit))
                .append(")</h2>\n");
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        int values = 0;
        int outside = 0;
        for (Baseline.Night night : nights) {
            for (Double v : new Double[] {night.value(), night.mean7(), night.lower(), night.upper()}) {
                if (v != null) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            values += night.value() == null ? 0 : 1;
            outside += night.outside() ? 1 : 0;
        }
        Baseline.Night last = nights.get(nights.size() - 1);
        StringBuilder summary = new StringBuilder();
        if (values > 0) {
            summary.append(values)
                    .append(" of ")
                    .append(days)
                    .append(" nights with a value; ")
                    .append(outside)
                    .append(outside == 1 ? " night" : " nights")
                    .append(" outside the normal range (ringed).");
            if (last.mean7() != null) {
                summary.append(" Last 7 nights: ")
                        .append(value(last.mean7(), decimals))
                        .append(' ')
                        .append(unit);
                if (last.bandMean() != null) {
                    summary.append(" (normal ")
                            .append(value(last.lower(), decimals))
                            .append("–")
                            .append(value(last.upper(), decimals))
                            .append(' ')
                            .append(unit)
                            .append(')');
                }
                summary.append('.');
            }
        }
        out.append("<p class=\"big\">").append(esc(summary.toString())).append("</p>\n");
        out.append("<div class=\"key\">")
                .append(legend("<circle class=\"v\" cx=\"13\" cy=\"6\" r=\"3\"/>", what + " per night"))
                .append(legend("<line class=\"mean7\" x1=\"1\" x2=\"25\" y1=\"6\" y2=\"6\"/>", "7-night rolling mean"))
                .append(legend(
                        "<rect class=\"band\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>",
                        "normal range: mean ± 1 SD of the 60 nights before"))
                .append(legend("<circle class=\"out\" cx=\"13\" cy=\"6\" r=\"4.5\"/>", "outside the normal range"))
                .append("</div>\n");
        openSvg(id, height, title + " per night, with its 7-night rolling mean and personal normal range");
        timeAxis(top, bottom);
        if (values == 0) {
            new Scale(0, 1, top, bottom).draw(unit, t -> "");
            noData(height);
            closeSvg();
            out.append("</section>\n");
            return;
        }
        Scale scale = new Scale(lo, hi, top, bottom);
        scale.draw(unit, t -> num(t));
        band(nights, scale);
        line(
                "values",
                i -> nights.get(i).value() != null,
                i -> scale.y(nights.get(i).value()));
        line(
                "mean7",
                i -> nights.get(i).mean7() != null,
                i -> scale.y(nights.get(i).mean7()));
        out.append("<g class=\"nights\">");
        for (int i = 0; i < days; i++) {
            Baseline.Night night = nights.get(i);
            if (night.value() == null) {
                continue;
            }
            String cy = num(scale.y(night.value()));
            StringBuilder tip = new StringBuilder()
                    .append(night.date())
                    .append(": ")
                    .append(value(night.value(), decimals))
                    .append(' ')
                    .append(unit);
            if (night.mean7() != null) {
                tip.append("; 7-night mean ").append(value(night.mean7(), decimals));
            }
            if (night.bandMean() != null) {
                tip.append("; normal ")
                        .append(value(night.lower(), decimals))
                        .append("–")
                        .append(value(night.upper(), decimals));
                if (night.outside()) {
                    tip.append(", outside");
                }
            }
            if (night.outside()) {
                out.append("<circle class=\"out\" data-date=\"")
                        .append(night.date())
                        .append("\" cx=\"")
                        .append(num(x(i)))
                        .append("\" cy=\"")
                        .append(cy)
                        .append("\" r=\"5\"/>");
            }
            out.append("<circle class=\"v\" cx=\"")
                    .append(num(x(i)))
                    .append("\" cy=\"")
                    .append(cy)
                    .append("\" r=\"2.4\"><title>")
                    .append(esc(tip.toString()))
                    .append("</title></circle>\n");
        }
        out.append("</g>\n");
        closeSvg();
        out.append("</section>\n");
    }

    /** The normal range as one closed shape per run of nights that have one; half a day wide at each end, so a lone night shows too. */
    private void band(List<Baseline.Night> nights, Scale scale) {
        StringBuilder d = new StringBuilder();
        double half = dayWidth() / 2;
        for (int i = 0; i < days; i++) {
            if (nights.get(i).bandMean() == null || i > 0 && nights.get(i - 1).bandMean() != null) {
                continue;
            }
            int end = i;
            while (end + 1 < days && nights.get(end + 1).bandMean() != null) {
                end++;
            }
            d.append(d.isEmpty() ? "M" : " M")
                    .append(num(x(i) - half))
                    .append(' ')
                    .append(num(scale.y(nights.get(i).upper())));
            for (int j = i; j <= end; j++) {
                d.append(" L")
                        .append(num(x(j)))
                        .append(' ')
                        .append(num(scale.y(nights.get(j).upper())));
            }
            d.append(" L")
                    .append(num(x(end) + half))
                    .append(' ')
                    .append(num(scale.y(nights.get(end).upper())));
            d.append(" L")
                    .append(num(x(end) + half))
                    .append(' ')
                    .append(num(scale.y(nights.get(end).lower())));
            for (int j = end; j >= i; j--) {
                d.append(" L")
                        .append(num(x(j)))
                        .append(' ')
                        .append(num(scale.y(nights.get(j).lower())));
            }
            d.append(" L")
                    .append(num(x(i) - half))
                    .append(' ')
                    .append(num(scale.y(nights.get(i).lower())))
                    .append(" Z");
        }
        if (!d.isEmpty()) {
            out.append("<path class=\"band\" d=\"").append(d).append("\"/>\n");
        }
    }

    // ---- sleep

    /** Minutes from noon of the day before the night's date: where on the clock axis a time of that night falls. */
    private static long clockMinutes(Sleep sleep, LocalDateTime time) {
        return Duration.between(sleep.date().minusDays(1).atTime(12, 0), time).toMinutes();
    }

    private void sleepWindow() {
        int height = 250;
        double top = 26;
        double bottom = 220;
        out.append("<section id=\"sleep\">\n<h2>Sleep</h2>\n");
        long asleep = 0;
        for (Sleep sleep : data.sleeps.values()) {
            asleep += sleep.minutesAsleep() == null ? 0 : sleep.minutesAsleep();
        }
        int nights = data.sleeps.size();
        out.append("<p class=\"big\">")
                .append(esc(
                        nights == 0
                                ? "No main sleep recorded in this range."
                                : nights + " of " + days + " nights recorded; on average "
                                        + hoursMinutes(Math.round((double) asleep / nights)) + " asleep."))
                .append("</p>\n");
        out.append(
                "<p class=\"note\">When the main sleep started and ended (local time), one bar per night, on the day it ends.</p>\n");
        openSvg("sleep-window", height, "Start and end of the main sleep per night");
        timeAxis(top, bottom);
        long lo = 10 * 60;
        long hi = 22 * 60;
        for (Sleep sleep : data.sleeps.values()) {
            lo = Math.min(lo, clockMinutes(sleep, sleep.start().toLocalDateTime()));
            hi = Math.max(hi, clockMinutes(sleep, sleep.end().toLocalDateTime()));
        }
        long first = Math.max(0, Math.floorDiv(lo, 120) * 120);
        long last = Math.min(48 * 60, -Math.floorDiv(-hi, 120) * 120);
        double perMinute = (bottom - top) / (last - first);
        out.append("<g class=\"values-axis\">");
        for (long m = first; m <= last; m += last - first > 14 * 60 ? 240 : 120) {
            double y = top + (m - first) * perMinute;
            gridLine(y, clock((12 + m / 60) % 24, 0));
        }
        out.append("<text x=\"4\" y=\"").append(num(top - 10)).append("\">clock time</text></g>\n");
        if (nights == 0) {
            noData(height);
        }
        double width = Math.max(1, Math.min(24, dayWidth() * 0.7));
        out.append("<g class=\"window\">");
        for (Map.Entry<LocalDate, Sleep> entry : data.sleeps.entrySet()) {
            Sleep sleep = entry.getValue();
            double y0 =
                    top + (Math.max(first, clockMinutes(sleep, sleep.start().toLocalDateTime())) - first) * perMinute;
            double y1 = top + (Math.min(last, clockMinutes(sleep, sleep.end().toLocalDateTime())) - first) * perMinute;
            out.append("<rect x=\"")
                    .append(num(x(index(entry.getKey())) - width / 2))
                    .append("\" y=\"")
                    .append(num(y0))
                    .append("\" width=\"")
                    .append(num(width))
                    .append("\" height=\"")
                    .append(num(Math.max(1, y1 - y0)))
                    .append("\"><title>")
                    .append(esc(entry.getKey() + ": "
                            + clock(sleep.start().getHour(), sleep.start().getMinute()) + "–"
                            + clock(sleep.end().getHour(), sleep.end().getMinute())
                            + (sleep.minutesAsleep() == null
                                    ? ""
                                    : ", " + hoursMinutes(sleep.minutesAsleep()) + " asleep")))
                    .append("</title></rect>\n");
        }
        out.append("</g>\n");
        closeSvg();
    }

    private void sleepStages() {
        int height = 250;
        double top = 26;
        double bottom = 220;
        out.append("<p class=\"note\">Minutes in each stage of the main sleep, stacked.</p>\n<div class=\"key\">")
                .append(legend("<rect class=\"deep\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", "deep"))
                .append(legend("<rect class=\"light\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", "light"))
                .append(legend("<rect class=\"rem\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", "REM"))
                .append(legend("<rect class=\"wake\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", "awake"))
                .append(legend(
                        "<rect class=\"asleep\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>",
                        "asleep, no stages recorded"))
                .append("</div>\n");
        openSvg("sleep-stages", height, "Minutes in each sleep stage per night");
        timeAxis(top, bottom);
        double most = 8;
        for (Sleep sleep : data.sleeps.values()) {
            most = Math.max(most, stagedMinutes(sleep) / 60.0);
        }
        Scale scale = new Scale(0, most, top, bottom);
        scale.draw("hours", t -> num(t));
        if (data.sleeps.isEmpty()) {
            noData(height);
        }
        double width = Math.max(1, Math.min(24, dayWidth() * 0.7));
        out.append("<g class=\"stages\">");
        for (Map.Entry<LocalDate, Sleep> entry : data.sleeps.entrySet()) {
            Sleep sleep = entry.getValue();
            double left = x(index(entry.getKey())) - width / 2;
            boolean staged = sleep.deepMinutes() != null;
            String tip = entry.getKey() + ": "
                    + (staged
                            ? "deep " + sleep.deepMinutes() + ", light " + orZero(sleep.lightMinutes()) + ", REM "
                                    + orZero(sleep.remMinutes()) + ", awake " + orZero(sleep.wakeMinutes()) + " min"
                            : hoursMinutes(orZero(sleep.minutesAsleep())) + " asleep, no stages");
            out.append("<g><title>").append(esc(tip)).append("</title>");
            double minutes = 0;
            String[] classes = staged ? new String[] {"deep", "light", "rem", "wake"} : new String[] {"asleep"};
            int[] values = staged
                    ? new int[] {
                        sleep.deepMinutes(),
                        orZero(sleep.lightMinutes()),
                        orZero(sleep.remMinutes()),
                        orZero(sleep.wakeMinutes())
                    }
                    : new int[] {orZero(sleep.minutesAsleep())};
            for (int s = 0; s < classes.length; s++) {
                if (values[s] <= 0) {
                    continue;
                }
                double y1 = scale.y(minutes / 60);
                minutes += values[s];
                double y0 = scale.y(minutes / 60);
                out.append("<rect class=\"")
                        .append(classes[s])
                        .append("\" x=\"")
                        .append(num(left))
                        .append("\" y=\"")
                        .append(num(y0))
                        .append("\" width=\"")
                        .append(num(width))
                        .append("\" height=\"")
                        .append(num(y1 - y0))
                        .append("\"/>");
            }
            out.append("</g>\n");
        }
        out.append("</g>\n");
        closeSvg();
        out.append("</section>\n");
    }

    private static int stagedMinutes(Sleep sleep) {
        if (sleep.deepMinutes() == null) {
            return orZero(sleep.minutesAsleep());
        }
        return sleep.deepMinutes()
                + orZero(sleep.lightMinutes())
                + orZero(sleep.remMinutes())
                + orZero(sleep.wakeMinutes());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String hoursMinutes(long minutes) {
        return minutes / 60 + " h " + Svg.two(minutes % 60) + " min";
    }

    private static String clock(long hour, long minute) {
        return Svg.two(hour) + ":" + Svg.two(minute);
    }

    // ---- small multiples

    private void small(
            String id, String title, String unit, SortedMap<LocalDate, Double> series, int decimals, boolean zeroLine) {
        int height = 150;
        double top = 24;
        double bottom = 122;
        Double[] values = new Double[days];
        double lo = zeroLine ? 0 : Double.MAX_VALUE;
        double hi = zeroLine ? 0 : -Double.MAX_VALUE;
        int count = 0;
        for (Map.Entry<LocalDate, Double> entry : series.entrySet()) {
            int i = index(entry.getKey());
            if (i >= 0 && i < days) {
                values[i] = entry.getValue();
                lo = Math.min(lo, entry.getValue());
                hi = Math.max(hi, entry.getValue());
                count++;
            }
        }
        out.append("<h3 class=\"note\" id=\"")
                .append(id)
                .append("\">")
                .append(esc(title))
                .append(" (")
                .append(esc(unit))
                .append("), ")
                .append(count)
                .append(" of ")
                .append(days)
                .append(" nights</h3>\n");
        openSvg(id, height, title + " per night");
        timeAxis(top, bottom);
        if (count == 0) {
            new Scale(0, 1, top, bottom).draw(unit, t -> "");
            noData(height);
            closeSvg();
            return;
        }
        Scale scale = new Scale(lo, hi, top, bottom);
        scale.draw(unit, t -> decimals == 2 ? value(t, 1) : num(t));
        if (zeroLine) {
            out.append("<line class=\"zero\" x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(LEFT + PLOT)
                    .append("\" y1=\"")
                    .append(num(scale.y(0)))
                    .append("\" y2=\"")
                    .append(num(scale.y(0)))
                    .append("\"/>\n");
        }
        line("values", i -> values[i] != null, i -> scale.y(values[i]));
        out.append("<g class=\"nights\">");
        for (int i = 0; i < days; i++) {
            if (values[i] != null) {
                out.append("<circle class=\"v\" cx=\"")
                        .append(num(x(i)))
                        .append("\" cy=\"")
                        .append(num(scale.y(values[i])))
                        .append("\" r=\"2\"><title>")
                        .append(start.plusDays(i))
                        .append(": ")
                        .append(esc(value(values[i], decimals)))
                        .append(' ')
                        .append(esc(unit))
                        .append("</title></circle>");
            }
        }
        out.append("</g>\n");
        closeSvg();
    }

    // ---- coverage

    private void coverage() {
        double top = 26;
        double hourHeight = 6;
        double hoursBottom = top + 24 * hourHeight;
        double nightsTop = hoursBottom + 10;
        double nightsBottom = nightsTop + 14;
        int height = (int) nightsBottom + 28;
        int worn = 0;
        int hours = 0;
        for (int mask : data.hours.values()) {
            int h = Integer.bitCount(mask);
            hours += h;
            worn += h >= WORN_HOURS ? 1 : 0;
        }
        int nights = 0;
        for (LocalDate night : data.hrv.keySet()) {
            nights += data.range().contains(night) ? 1 : 0;
        }
        out.append("<section id=\"coverage\">\n<h2>Coverage</h2>\n<p class=\"big\">");
        if (data.hoursFrom == null) {
            out.append("Hours worn: not known (no intraday heart rate). ");
        } else {
            out.append(worn)
                    .append(" of ")
                    .append(days)
                    .append(" days worn (")
                    .append(percent(worn, days))
                    .append("); ")
                    .append(hours)
                    .append(" of ")
                    .append(days * 24)
                    .append(" hours with heart rate (")
                    .append(percent(hours, days * 24L))
                    .append("). ");
        }
        out.append(nights)
                .append(" of ")
                .append(days)
                .append(" nights with HRV (")
                .append(percent(nights, days))
                .append(").</p>\n");
        out.append("<p class=\"note\">");
        if (data.hoursFrom == null) {
            out.append(
                    "For hours worn, sync an intraday heart-rate dataset too (e.g. <code>--types hr-15min</code>). ");
        } else {
            out.append("Each column is a day, each row an hour (local time): filled where ")
                    .append(esc(data.hoursFrom))
                    .append(" holds a sample. A day counts as worn with data in at least ")
                    .append(WORN_HOURS)
                    .append(" of its hours. ");
        }
        out.append("The strip below marks the nights with HRV.</p>\n<div class=\"key\">")
                .append(legend(
                        "<rect class=\"hours\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", "hour with heart rate"))
                .append(legend("<rect class=\"nodata\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", "no data"))
                .append(legend(
                        "<rect class=\"hrvnights\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", "night with HRV"))
                .append("</div>\n");
        openSvg("coverage", height, "Hours with heart-rate data per day, and nights with HRV");
        timeAxis(top, nightsBottom);
        out.append("<rect class=\"nodata\" x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(num(top))
                .append("\" width=\"")
                .append(PLOT)
                .append("\" height=\"")
                .append(num(24 * hourHeight))
                .append("\"/>");
        out.append("<rect class=\"nodata\" x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(num(nightsTop))
                .append("\" width=\"")
                .append(PLOT)
                .append("\" height=\"")
                .append(num(nightsBottom - nightsTop))
                .append("\"/>\n");
        out.append("<g class=\"values-axis\">");
        for (int h = 0; h <= 24; h += 6) {
            double y = top + h * hourHeight;
            out.append("<text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(num(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(clock(h, 0))
                    .append("</text>");
        }
        out.append("<text x=\"")
                .append(LEFT - 6)
                .append("\" y=\"")
                .append(num(nightsBottom - 2))
                .append("\" text-anchor=\"end\">HRV</text>")
                .append("<text x=\"4\" y=\"")
                .append(num(top - 10))
                .append("\">hour of day</text></g>\n");
        double width = dayWidth();
        // Each day's cells reach a little into the next day's column, so that neighbouring days
        // join without a hairline seam where the column edges fall between pixels.
        double cell = width + Math.min(0.6, width / 4);
        StringBuilder d = new StringBuilder();
        for (Map.Entry<LocalDate, Integer> entry : data.hours.entrySet()) {
            int mask = entry.getValue();
            double left = LEFT + index(entry.getKey()) * width;
            for (int h = 0; h < 24; h++) {
                if ((mask & 1 << h) == 0 || h > 0 && (mask & 1 << (h - 1)) != 0) {
                    continue;
                }
                int end = h;
                while (end + 1 < 24 && (mask & 1 << (end + 1)) != 0) {
                    end++;
                }
                d.append(d.isEmpty() ? "" : " ")
                        .append('M')
                        .append(num(left))
                        .append(' ')
                        .append(num(top + h * hourHeight))
                        .append('h')
                        .append(num(cell))
                        .append('v')
                        .append(num((end - h + 1) * hourHeight))
                        .append('h')
                        .append(num(-cell))
                        .append('z');
            }
        }
        if (!d.isEmpty()) {
            out.append("<path class=\"hours\" d=\"").append(d).append("\"/>\n");
        }
        StringBuilder n = new StringBuilder();
        for (LocalDate night : data.hrv.keySet()) {
            if (data.range().contains(night)) {
                n.append(n.isEmpty() ? "" : " ")
                        .append('M')
                        .append(num(LEFT + index(night) * width))
                        .append(' ')
                        .append(num(nightsTop))
                        .append('h')
                        .append(num(cell))
                        .append('v')
                        .append(num(nightsBottom - nightsTop))
                        .append('h')
                        .append(num(-cell))
                        .append('z');
            }
        }
        if (!n.isEmpty()) {
            out.append("<path class=\"hrvnights\" d=\"").append(n).append("\"/>\n");
        }
        closeSvg();
        out.append("</section>\n");
    }
}
