package dev.fbx.report;

/** The little text-building that the page needs: escaping, and numbers that print the same everywhere. */
final class Svg {
    /** The start of every page's style sheet: print colours as shown, the font, the column, headings and the header's list. */
    static final String PAGE_STYLE = """
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#222;background:#fff;\
            max-width:1040px;margin:0 auto;padding:12px 14px}
            h1{font-size:1.45em;margin:.3em 0}
            h2{font-size:1.15em;margin:1.4em 0 .2em}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1em;margin:.2em 0 1em}
            dt{color:#555}
            dd{margin:0}
            """;

    private Svg() {}

    /** Text or an attribute value made safe for HTML and SVG: nothing in it can open a tag, an entity or end a quote. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A coordinate or value with at most one decimal, "." as the separator whatever the locale, and no "-0". */
    static String num(double value) {
        long tenths = Math.round(value * 10);
        if (tenths == 0) {
            return "0";
        }
        String sign = tenths < 0 ? "-" : "";
        long abs = Math.abs(tenths);
        return abs % 10 == 0 ? sign + abs / 10 : sign + abs / 10 + "." + abs % 10;
    }

    /** A value shown to the reader: one decimal as {@link #num}, else exactly {@code decimals} of them (0 or 2). */
    static String value(double value, int decimals) {
        if (decimals == 1) {
            return num(value);
        }
        long scale = decimals == 0 ? 1 : 100;
        long scaled = Math.round(value * scale);
        String sign = scaled < 0 ? "-" : "";
        long abs = Math.abs(scaled);
        return decimals == 0 ? sign + abs : sign + abs / 100 + "." + two(abs % 100);
    }

    /** A share as a whole percentage: "42 %". */
    static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : Math.round(100.0 * part / whole) + " %";
    }

    /** A key's entry: a small picture of the mark ({@code swatch}, SVG) and what it means. */
    static String legend(String swatch, String text) {
        return "<span><svg width=\"26\" height=\"12\" aria-hidden=\"true\">" + swatch + "</svg>" + esc(text)
                + "</span>";
    }

    /** A header's term and its text, in a definition list. */
    static void definition(StringBuilder out, String term, String text) {
        out.append("<dt>")
                .append(esc(term))
                .append("</dt><dd>")
                .append(esc(text))
                .append("</dd>\n");
    }

    /** 0–99 with a leading zero, as clocks print them. */
    static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /** "Jul": a month's name in English whatever the locale (and without loading the JDK's locale data). */
    static String month(java.time.LocalDate day) {
        return MONTHS[day.getMonthValue() - 1];
    }

    /** Round numbers for an axis from {@code lo} to {@code hi}: about five steps of 1, 2 or 5 times a power of ten. */
    static double[] ticks(double lo, double hi) {
        if (hi - lo < 1e-9) {
            lo -= 1;
            hi += 1;
        }
        double raw = (hi - lo) / 4;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step);
        double[] ticks = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            ticks[i] = start + i * step;
        }
        return ticks;
    }
}
