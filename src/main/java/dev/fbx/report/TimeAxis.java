package dev.fbx.report;

import static dev.fbx.report.Svg.esc;
import static dev.fbx.report.Svg.num;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A page's time axis: a column per day of the range across the plot, its grid lines and its date labels. */
final class TimeAxis {
    private final LocalDate start;
    private final LocalDate end;
    private final int days;
    private final int left;
    private final int plot;
    private final int width;

    /**
     * @param left where the plot starts, in the picture's units
     * @param plot the plot's width
     * @param width the picture's width, inside which labels stay
     */
    TimeAxis(LocalDate start, LocalDate end, int left, int plot, int width) {
        this.start = start;
        this.end = end;
        this.days = (int) ChronoUnit.DAYS.between(start, end) + 1;
        this.left = left;
        this.plot = plot;
        this.width = width;
    }

    /** The middle of day {@code day}'s column (0: the range's first day). */
    double x(int day) {
        return left + (day + 0.5) * plot / days;
    }

    double dayWidth() {
        return (double) plot / days;
    }

    int index(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(start, day);
    }

    /**
     * Vertical grid lines from {@code top} to {@code bottom} and date labels, every day, every Monday,
     * every month or every quarter, whatever fits: the axis line and its labels below the plot, or
     * above it (a tall grid, read from the top).
     */
    void draw(StringBuilder out, double top, double bottom, boolean above) {
        double axis = above ? top : bottom;
        out.append("<g class=\"time\">");
        out.append("<line class=\"axis\" x1=\"")
                .append(left)
                .append("\" x2=\"")
                .append(left + plot)
                .append("\" y1=\"")
                .append(num(axis))
                .append("\" y2=\"")
                .append(num(axis))
                .append("\"/>");
        boolean first = true;
        double previousRight = -100;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            String label;
            if (days <= 16) {
                label = day.getDayOfMonth() + " " + Svg.month(day);
            } else if (days <= 120) {
                if (day.getDayOfWeek() != DayOfWeek.MONDAY) {
                    continue;
                }
                label = day.getDayOfMonth() + " " + Svg.month(day);
            } else {
                if (day.getDayOfMonth() != 1 || days > 500 && (day.getMonthValue() - 1) % 3 != 0) {
                    continue;
                }
                label = Svg.month(day) + (first || day.getMonthValue() == 1 ? " " + day.getYear() : "");
            }
            double at = days <= 120 ? x(index(day)) : x(index(day)) - dayWidth() / 2;
            out.append("<line class=\"grid\" x1=\"")
                    .append(num(at))
                    .append("\" x2=\"")
                    .append(num(at))
                    .append("\" y1=\"")
                    .append(num(top))
                    .append("\" y2=\"")
                    .append(num(bottom))
                    .append("\"/>");
            // About 7.5 units a character at 13px. A label at either end stays inside the picture,
            // and one that would touch the label before it is left out.
            double labelWidth = 7.5 * label.length();
            String anchor = at - labelWidth / 2 < 2 ? "start" : at + labelWidth / 2 > width - 2 ? "end" : "middle";
            double textAt = anchor.equals("start") ? 2 : anchor.equals("end") ? width - 2 : at;
            double labelLeft = anchor.equals("start")
                    ? textAt
                    : anchor.equals("end") ? textAt - labelWidth : textAt - labelWidth / 2;
            if (labelLeft > previousRight + 6) {
                out.append("<text x=\"")
                        .append(num(textAt))
                        .append("\" y=\"")
                        .append(num(above ? axis - 7 : axis + 17))
                        .append("\" text-anchor=\"")
                        .append(anchor)
                        .append("\">")
                        .append(esc(label))
                        .append("</text>");
                previousRight = labelLeft + labelWidth;
            }
            first = false;
        }
        out.append("</g>\n");
    }
}
