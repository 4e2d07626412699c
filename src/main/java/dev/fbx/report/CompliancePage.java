package dev.fbx.report;

import static dev.fbx.report.Svg.esc;
import static dev.fbx.report.Svg.num;
import static dev.fbx.report.Svg.percent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A cohort's compliance page: one HTML file with an inline SVG grid and an inline style sheet,
 * nothing fetched. Participants with a day below the wear threshold (or whose wear is not known)
 * come first, the fewest days worn first, then the others in the roster's order; the grid has a row per participant and a
 * column per day, shaded by the hours with heart rate, with a strip each for nights with HRV and
 * main sleeps; the table gives each participant's numbers, their last day with data and their
 * sign-in. Colours are the Okabe–Ito palette's, and the table says in words what they show.
 */
public final class CompliancePage {
    /** Who and what the page is about, shown in its header. */
    public record Header(String roster, String source, Instant madeAt) {}

    private static final int WIDTH = 1000;
    private static final int LEFT = 170;
    private static final int PLOT = WIDTH - LEFT - 10;
    private static final int ROW = 20;
    private static final int TOP = 30;
    /** Longer ids are cut in the grid (the table and the row's tooltip show them whole). */
    private static final int LABEL = 22;

    private static final String STYLE = Svg.PAGE_STYLE + """
            .note{color:#555;font-size:.9em}
            .big{font-size:1.08em;font-weight:600}
            .key{display:flex;flex-wrap:wrap;gap:.2em 1.2em;font-size:.9em;margin:.2em 0}
            .key svg{vertical-align:middle;margin-right:.3em}
            .fig{overflow-x:auto}
            svg.chart{display:block;width:100%;min-width:600px;height:auto}
            svg text{font-size:13px;fill:#333}
            .grid{stroke:#e2e2e2;stroke-width:1}
            .axis{stroke:#777;stroke-width:1}
            .worn{fill:#0072B2}.some{fill:#56B4E9}.none{fill:#e4e4e4}.unknown{fill:#bdbdbd}
            .hrvnights{fill:#E69F00}.sleeps{fill:#CC79A7}
            .row{fill:#fff;fill-opacity:0}
            table{border-collapse:collapse;font-size:.92em;margin:.5em 0}
            th,td{border-bottom:1px solid #e2e2e2;padding:.2em .6em;text-align:right}
            th:first-child,td:first-child{text-align:left}
            tr.below td{background:#fdf1dc}
            .act{color:#a03c00;font-weight:600}
            @media print{body{max-width:none;font-size:10.5pt;padding:0}.fig{overflow:visible}svg.chart{min-width:0}}
            """;

    private final List<Compliance.Participant> participants;
    private final LocalDate start;
    private final LocalDate end;
    private final int minHours;
    private final Header header;
    private final TimeAxis axis;
    private final StringBuilder out = new StringBuilder(1 << 16);

    private CompliancePage(List<Compliance.Participant> participants, int minHours, Header header) {
        this.participants = participants;
        this.start = participants.get(0).days().get(0).date();
        this.end = participants
                .get(0)
                .days()
                .get(participants.get(0).days().size() - 1)
                .date();
        this.minHours = minHours;
        this.header = header;
        this.axis = new TimeAxis(start, end, LEFT, PLOT, WIDTH);
    }

    /**
     * The page of {@code participants}, each over the same days, in the order to show them ({@link
     * #order}).
     */
    public static String render(List<Compliance.Participant> participants, int minHours, Header header) {
        return new CompliancePage(order(participants, minHours), minHours, header).page();
    }

    /**
     * Those below the threshold first: those whose wear is not known, then the fewest days worn
     * first; then the others as given. A sort is stable: equals keep the roster's order.
     */
    static List<Compliance.Participant> order(List<Compliance.Participant> participants, int minHours) {
        List<Compliance.Participant> ordered = new ArrayList<>(participants.stream()
                .filter(p -> p.below(minHours))
                .sorted(Comparator.comparingLong(p -> p.hoursFrom() == null ? -1 : p.daysWorn(minHours)))
                .toList());
        participants.stream().filter(p -> !p.below(minHours)).forEach(ordered::add);
        return ordered;
    }

    private String page() {
        String range = start + " to " + end;
        int days = participants.get(0).days().size();
        long below = participants.stream().filter(p -> p.below(minHours)).count();
        long signIn = participants.stream()
                .filter(Compliance.Participant::signInAgain)
                .count();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>fbx compliance ")
                .append(esc(range))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>Wear-time compliance, ")
                .append(esc(range))
                .append("</h1>\n<dl>\n");
        definition("Roster", header.roster());
        definition("Source", header.source());
        definition("Range", range + " (" + days + (days == 1 ? " day)" : " days)"));
        definition(
                "Worn",
                "a day with heart rate in at least " + minHours + " of its hours (local time); participants with a day"
                        + " below that, or whose hours are not known, are listed first, the fewest days worn first");
        LocalDateTime made = LocalDateTime.ofInstant(header.madeAt(), ZoneOffset.UTC);
        definition(
                "Made",
                made.toLocalDate() + " " + Svg.two(made.getHour()) + ":" + Svg.two(made.getMinute()) + " UTC by fbx");
        out.append("</dl>\n</header>\n<p class=\"big\">")
                .append(participants.size())
                .append(participants.size() == 1 ? " participant; " : " participants; ")
                .append(below)
                .append(" with days below ")
                .append(minHours)
                .append(" hours or not known, listed first");
        if (signIn > 0) {
            out.append("; ").append(signIn).append(" must sign in again");
        }
        out.append(".</p>\n");
        grid(days);
        table();
        out.append("<footer><p class=\"note\">Made by fbx from ")
                .append(esc(header.source()))
                .append(". Hours: the local clock hours with at least one sample of the finest intraday heart rate"
                        + " synced for the participant. The sign-in's days are known where the OAuth app is in"
                        + " 'Testing' (its refresh tokens die 7 days after sign-in); a sign-in revoked by the"
                        + " participant shows as data that stops, and in fbx cohort sync's output.</p></footer>\n")
                .append("</body>\n</html>\n");
        return out.toString();
    }

    private void definition(String term, String text) {
        Svg.definition(out, term, text);
    }

    private void grid(int days) {
        out.append("<section id=\"grid\">\n<h2>Participants × days</h2>\n<div class=\"key\">")
                .append(swatch("worn", "heart rate in " + minHours + "+ hours"))
                .append(swatch("some", "in fewer hours"))
                .append(swatch("none", "no heart rate"))
                .append(swatch("unknown", "no intraday heart rate synced"))
                .append(swatch("hrvnights", "night with HRV (upper strip)"))
                .append(swatch("sleeps", "main sleep (lower strip)"))
                .append("</div>\n");
        int height = TOP + participants.size() * ROW + 6;
        out.append("<div class=\"fig\"><svg class=\"chart\" id=\"compliance-chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"Hours with heart rate per participant and day\">\n");
        axis.draw(out, TOP, height - 6, true);
        StringBuilder worn = new StringBuilder();
        StringBuilder some = new StringBuilder();
        StringBuilder none = new StringBuilder();
        StringBuilder unknown = new StringBuilder();
        StringBuilder hrv = new StringBuilder();
        StringBuilder sleep = new StringBuilder();
        for (int row = 0; row < participants.size(); row++) {
            Compliance.Participant p = participants.get(row);
            double y = TOP + row * ROW + 2;
            List<Compliance.Day> list = p.days();
            runs(worn, list, d -> d.wornHours() != null && d.wornHours() >= minHours, y, 11);
            runs(some, list, d -> d.wornHours() != null && d.wornHours() > 0 && d.wornHours() < minHours, y, 11);
            runs(none, list, d -> d.wornHours() != null && d.wornHours() == 0, y, 11);
            runs(unknown, list, d -> d.wornHours() == null, y, 11);
            runs(hrv, list, Compliance.Day::hrv, y + 12.5, 2.5);
            runs(sleep, list, Compliance.Day::sleep, y + 16, 2.5);
            String id = p.id().length() > LABEL ? p.id().substring(0, LABEL - 1) + "…" : p.id();
            out.append("<g><title>")
                    .append(esc(summary(p, days)))
                    .append("</title><rect class=\"row\" x=\"0\" y=\"")
                    .append(num(y - 2))
                    .append("\" width=\"")
                    .append(WIDTH)
                    .append("\" height=\"")
                    .append(ROW)
                    .append("\"/><text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(num(y + 10))
                    .append("\" text-anchor=\"end\"")
                    .append(p.below(minHours) ? " font-weight=\"600\"" : "")
                    .append('>')
                    .append(esc(id))
                    .append("</text></g>\n");
        }
        path("worn", worn);
        path("some", some);
        path("none", none);
        path("unknown", unknown);
        path("hrvnights", hrv);
        path("sleeps", sleep);
        out.append("</svg></div>\n</section>\n");
    }

    /** Appends the runs of consecutive days where {@code has} holds, as rectangles of one path. */
    private void runs(StringBuilder d, List<Compliance.Day> days, Predicate<Compliance.Day> has, double y, double h) {
        double width = axis.dayWidth();
        for (int i = 0; i < days.size(); i++) {
            if (!has.test(days.get(i)) || i > 0 && has.test(days.get(i - 1))) {
                continue;
            }
            int last = i;
            while (last + 1 < days.size() && has.test(days.get(last + 1))) {
                last++;
            }
            // A hairline apart, so that single days stay told apart.
            double cellWidth = (last - i + 1) * width - Math.min(1, width / 5);
            d.append(d.isEmpty() ? "" : " ")
                    .append('M')
                    .append(num(LEFT + i * width))
                    .append(' ')
                    .append(num(y))
                    .append('h')
                    .append(num(cellWidth))
                    .append('v')
                    .append(num(h))
                    .append('h')
                    .append(num(-cellWidth))
                    .append('z');
        }
    }

    private void path(String cssClass, StringBuilder d) {
        if (!d.isEmpty()) {
            out.append("<path class=\"")
                    .append(cssClass)
                    .append("\" d=\"")
                    .append(d)
                    .append("\"/>\n");
        }
    }

    private String summary(Compliance.Participant p, int days) {
        return p.id() + ": "
                + (p.hoursFrom() == null
                        ? "hours worn not known"
                        : p.daysWorn(minHours) + " of " + days + " days worn, "
                                + num(p.meanHours().orElseThrow()) + " h a day")
                + "; " + p.nightsWithHrv() + " nights with HRV; " + p.mainSleeps() + " main sleeps; last data "
                + p.lastData().map(LocalDate::toString).orElse("none");
    }

    private void table() {
        out.append("<section id=\"participants\">\n<h2>Participants</h2>\n<table>\n<thead><tr>")
                .append("<th>Participant</th><th>Wear</th><th>Days worn</th><th>Hours a day</th>")
                .append("<th>Nights with HRV</th><th>Main sleeps</th><th>Last day with data</th><th>Sign-in</th>")
                .append("</tr></thead>\n<tbody>\n");
        int days = participants.get(0).days().size();
        for (Compliance.Participant p : participants) {
            boolean below = p.below(minHours);
            out.append(below ? "<tr class=\"below\">" : "<tr>")
                    .append(cell(p.id()))
                    .append(cell(
                            p.hoursFrom() == null
                                    ? "not known"
                                    : below ? "below on " + plural(days - p.daysWorn(minHours), "day") : "ok"))
                    .append(cell(
                            p.hoursFrom() == null
                                    ? "—"
                                    : p.daysWorn(minHours) + " of " + days + " (" + percent(p.daysWorn(minHours), days)
                                            + ")"))
                    .append(cell(p.meanHours().map(Svg::num).orElse("—")))
                    .append(cell(p.nightsWithHrv() + " of " + days))
                    .append(cell(p.mainSleeps() + " of " + days))
                    .append(cell(p.lastData().map(LocalDate::toString).orElse("none")));
            String signIn = p.refreshToken() == null ? "—" : p.refreshToken();
            out.append(
                            p.signInAgain()
                                    ? "<td class=\"act\">" + esc(signIn + ": sign in again") + "</td>"
                                    : cell(signIn))
                    .append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n<p class=\"note\">Hours a day: the mean over the range, days without heart rate"
                + " counted as 0. Sign-in: the days the participant's refresh token has left, where the token"
                + " file says (—: not announced, or no token file in the roster).</p>\n</section>\n");
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String cell(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    private static String swatch(String cssClass, String text) {
        return Svg.legend("<rect class=\"" + cssClass + "\" x=\"1\" y=\"0\" width=\"24\" height=\"12\"/>", text);
    }
}
