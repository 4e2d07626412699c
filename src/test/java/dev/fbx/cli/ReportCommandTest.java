package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fbx report}: the page's structure, its numbers, and both ways in (a source, a sync directory). */
@QuarkusMainTest
class ReportCommandTest {
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    /** The 70-night series of {@link #knownSeries}: night i's HRV, none on night 66. */
    private static final int MISSING = 66;

    @TempDir
    Path dir;

    @Test
    void aDemoReportHasEveryChartAndReferencesNothingOutside(QuarkusMainLauncher launcher) throws IOException {
        Path page = dir.resolve("r.html");

        LaunchResult result = launcher.launch(
                "--demo", "-q", "report", "--from", "2024-03-01", "--to", "2024-03-28", "-o", page.toString());

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("", result.getOutput(), "the page goes to the file only");
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        for (String chart : List.of("hrv", "rhr", "sleep-window", "sleep-stages", "spo2", "br", "temp", "coverage")) {
            assertTrue(html.contains("id=\"" + chart + "-chart\""), chart + " is drawn");
        }
        String hrv = chart(html, "hrv");
        LaunchResult rows = launcher.launch("--demo", "-q", "hrv", "--from", "2024-03-01", "--to", "2024-03-28");
        long nights = rows.getOutput().lines().count() - 1;
        assertTrue(nights >= 20, rows.getOutput());
        assertEquals(nights, count(hrv, "<circle class=\"v\""), "a dot for each night that 'fbx hrv' prints");
        assertTrue(hrv.contains("<path class=\"band\""), "the normal range, from the 60 nights before the range");
        assertTrue(hrv.contains("<path class=\"mean7\""));
        assertEquals(28, count(chart(html, "rhr"), "<circle class=\"v\""), "a resting heart rate every day");
        assertTrue(count(chart(html, "sleep-stages"), "class=\"deep\"") >= 20, "stage bars of most nights");
        assertTrue(chart(html, "coverage").contains("<path class=\"hours\""));
        assertTrue(html.contains("<dd>DEMO01</dd>"), "the account");
        assertTrue(html.contains("2024-03-01 to 2024-03-28 (28 days)"));
        for (String external : List.of(
                "<script", "<link", "<img", "<iframe", "<object", "href=", "src=", "url(", "@import", "http:", "https:",
                "//")) {
            assertFalse(html.contains(external), "nothing is fetched when the page is opened: found " + external);
        }
    }

    @Test
    void drawsTheNormalRangeOfAKnownSeriesAndAMissingNightAsAGap(QuarkusMainLauncher launcher) throws IOException {
        Path sync = knownSeries();
        Path page = dir.resolve("known.html");

        LaunchResult result = launcher.launch(
                "report",
                "--in",
                sync.toString(),
                "--from",
                day(60).toString(),
                "--to",
                day(69).toString(),
                "-o",
                page.toString());

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("wrote " + page), result.getErrorOutput());
        String hrv = chart(Files.readString(page), "hrv");
        for (int night : new int[] {60, 65, 69}) {
            List<Double> before = new ArrayList<>();
            for (int i = night - 60; i < night; i++) {
                if (i != MISSING) {
                    before.add(hrv(i));
                }
            }
            double mean =
                    before.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sd = Math.sqrt(
                    before.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (before.size() - 1));
            String tip = day(night) + ": " + oneDecimal(hrv(night)) + " ms; 7-night mean " + oneDecimal(mean7(night))
                    + "; normal " + oneDecimal(mean - sd) + "–" + oneDecimal(mean + sd);
            assertTrue(hrv.contains("<title>" + tip), "night " + night + ": expected '" + tip + "' in " + hrv);
            boolean outside = hrv(night) < mean - sd || hrv(night) > mean + sd;
            assertEquals(
                    outside,
                    hrv.contains("data-date=\"" + day(night) + "\""),
                    "night " + night + " ringed when outside");
        }
        assertEquals(9, count(hrv, "<circle class=\"v\""));
        assertEquals(
                2,
                count(attribute(hrv, "path class=\"values\" d"), "M"),
                "the line breaks at the missing night: two segments");
        String html = Files.readString(page);
        assertTrue(chart(html, "rhr").contains("No data in this range"), "no hr-day folder: said, not drawn");
        assertTrue(
                html.contains(
                        "1 of 10 days worn (10 %); 14 of 240 hours with heart rate (6 %). 9 of 10 nights with HRV (90 %)."),
                html);
        assertEquals(1, count(chart(html, "sleep-window"), "<rect "), "the main sleep, not the nap");
        assertTrue(html.contains("<dd>sync directory " + sync + "</dd>"));
    }

    @Test
    void aSyncDirectoryThatTheDemoFilledDrawsTheSameChartsAsTheDemoItself(QuarkusMainLauncher launcher)
            throws IOException {
        LocalDate today = LocalDate.now();
        Path sync = dir.resolve("sync");
        LaunchResult filled = launcher.launch(
                "--demo",
                "-q",
                "sync",
                "--out",
                sync.toString(),
                "--since",
                today.minusDays(69).toString(),
                "--types",
                "hr,hrv,spo2,br,temp,sleep",
                "--hr-detail",
                "15min");
        String[] range = {
            "--from", today.minusDays(9).toString(), "--to", today.minusDays(2).toString()
        };
        LaunchResult fromDir = launcher.launch(concat(
                new String[] {
                    "-q",
                    "report",
                    "--in",
                    sync.toString(),
                    "-o",
                    dir.resolve("dir.html").toString()
                },
                range));
        LaunchResult fromDemo = launcher.launch(concat(
                new String[] {
                    "--demo", "-q", "report", "-o", dir.resolve("demo.html").toString()
                },
                range));

        assertEquals(0, filled.exitCode(), filled.getErrorOutput());
        assertEquals(0, fromDir.exitCode(), fromDir.getErrorOutput());
        assertEquals(0, fromDemo.exitCode(), fromDemo.getErrorOutput());
        String dirPage = Files.readString(dir.resolve("dir.html"));
        String demoPage = Files.readString(dir.resolve("demo.html"));
        assertEquals(body(demoPage), body(dirPage), "everything below the header and above the footer agrees");
        // The demo person has nights without HRV, on dates of their own: the page draws as many as the demo serves.
        LaunchResult nights = launcher.launch(concat(new String[] {"--demo", "-q", "hrv"}, range));
        long withHrv = nights.getOutput().lines().count() - 1;
        assertTrue(withHrv >= 5, nights.getOutput());
        assertEquals(withHrv, (long) count(chart(dirPage, "hrv"), "<circle class=\"v\""));
        assertTrue(chart(dirPage, "hrv").contains("<path class=\"band\""));
    }

    @Test
    void textFromOutsideIsEscaped(QuarkusMainLauncher launcher) throws IOException {
        Path sync = knownSeries("a<b>&\"c'");
        Path page = dir.resolve("r.html");

        LaunchResult result = launcher.launch(
                "-q", "report", "--in", sync.toString(), "--date", day(65).toString(), "-o", page.toString());

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String html = Files.readString(page);
        assertTrue(html.contains("<dd>sync directory " + dir + "/a&lt;b&gt;&amp;&quot;c&#39;</dd>"), html);
        assertFalse(html.contains("<b>"), "the directory's name opened no tag");
    }

    @Test
    void withoutARangeItDrawsTheLastNinetyDaysAndReadsNoTokenFile(QuarkusMainLauncher launcher) throws IOException {
        Path page = dir.resolve("r.html");
        Path tokens = dir.resolve("fb_conf.json");
        Files.writeString(tokens, "{not json");

        LaunchResult result = launcher.launch(
                "--token-file",
                tokens.toString(),
                "-q",
                "report",
                "--in",
                knownSeries().toString(),
                "-o",
                page.toString());

        assertEquals(0, result.exitCode(), "a corrupt token file is not even read: " + result.getErrorOutput());
        assertEquals("{not json", Files.readString(tokens));
        LocalDate today = LocalDate.now();
        assertTrue(Files.readString(page).contains(today.minusDays(89) + " to " + today + " (90 days)"));
    }

    @Test
    void aSyncDirectorysTodayIsTheAccountsAsTheSyncRecordedItsZone(QuarkusMainLauncher launcher) throws IOException {
        Path sync = knownSeries();
        ZoneId account = ZoneId.of("Pacific/Kiritimati");
        Files.writeString(
                sync.resolve(".fbx-sync.json"),
                "{\"version\":1,\"since\":\"" + day(0) + "\",\"zone\":\"" + account + "\",\"complete\":{}}");
        Path page = dir.resolve("r.html");

        LocalDate before = LocalDate.now(account);
        LaunchResult result =
                launcher.launch("-q", "report", "--in", sync.toString(), "--days", "3", "-o", page.toString());
        LocalDate after = LocalDate.now(account);

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String html = Files.readString(page);
        assertTrue(
                html.contains(before.minusDays(2) + " to " + before + " (3 days)")
                        || html.contains(after.minusDays(2) + " to " + after + " (3 days)"),
                html);
    }

    @Test
    void aFileThatSyncDidNotWriteStopsTheReportNamingItAndLeavesTheOutputAlone(QuarkusMainLauncher launcher)
            throws IOException {
        Path sync = knownSeries();
        Path bad = sync.resolve("hrv-day").resolve(day(63) + ".csv");
        Files.writeString(bad, "date,daily_rmssd,deep_rmssd\n" + day(63) + ",fast,\n");
        Path page = dir.resolve("r.html");
        Files.writeString(page, "old");

        LaunchResult result = launcher.launch(
                "report",
                "--in",
                sync.toString(),
                "--from",
                day(60).toString(),
                "--to",
                day(69).toString(),
                "-o",
                page.toString());

        assertEquals(65, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains(bad + " line 2"), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("daily_rmssd 'fast' is not a number"), result.getErrorOutput());
        assertEquals(1, result.getErrorOutput().lines().count(), result.getErrorOutput());
        assertEquals("old", Files.readString(page));
    }

    @Test
    void usageAndOutputErrorsHaveTheirExitCodes(QuarkusMainLauncher launcher) throws IOException {
        Path sync = knownSeries();

        LaunchResult noOutput = launcher.launch("report", "--in", sync.toString());
        LaunchResult noDir = launcher.launch(
                "report",
                "--in",
                dir.resolve("absent").toString(),
                "-o",
                dir.resolve("r.html").toString());
        LaunchResult notSync = launcher.launch(
                "report", "--in", dir.toString(), "-o", dir.resolve("r.html").toString());
        LaunchResult badRange = launcher.launch(
                "report",
                "--in",
                sync.toString(),
                "--from",
                "2024-02-30",
                "-o",
                dir.resolve("r.html").toString());
        LaunchResult unwritable = launcher.launch(
                "report",
                "--in",
                sync.toString(),
                "-o",
                dir.resolve("no").resolve("such").resolve("r.html").toString());

        assertEquals(64, noOutput.exitCode());
        assertTrue(noOutput.getErrorOutput().contains("--output"), noOutput.getErrorOutput());
        assertEquals(64, noDir.exitCode());
        assertTrue(noDir.getErrorOutput().contains("is not a directory"), noDir.getErrorOutput());
        assertEquals(64, notSync.exitCode(), notSync.getErrorOutput());
        assertEquals(64, badRange.exitCode(), badRange.getErrorOutput());
        assertEquals(74, unwritable.exitCode(), unwritable.getErrorOutput());
        assertTrue(unwritable.getErrorOutput().startsWith("fbx: Cannot write "), unwritable.getErrorOutput());
        assertFalse(Files.exists(dir.resolve("r.html")));
    }

    // ---- a sync directory written by hand

    private static LocalDate day(int i) {
        return FIRST.plusDays(i);
    }

    /** Uneven values: a sawtooth on a slow rise. */
    private static double hrv(int i) {
        return 40 + (i * 7 % 11) + 0.25 * i;
    }

    private static double mean7(int night) {
        double sum = 0;
        int n = 0;
        for (int i = night - 6; i <= night; i++) {
            if (i != MISSING) {
                sum += hrv(i);
                n++;
            }
        }
        return sum / n;
    }

    /**
     * HRV for nights 0–69 but night 66; 15-minute heart rate on night 60's day in hours 0–11 and on
     * night 61's in hours 22 and 23; a main sleep and a nap ending on night 62.
     */
    private Path knownSeries() {
        return knownSeries("known");
    }

    private Path knownSeries(String name) {
        Path sync = dir.resolve(name);
        for (int i = 0; i < 70; i++) {
            if (i != MISSING) {
                write(sync, "hrv-day", day(i), "date,daily_rmssd,deep_rmssd", day(i) + "," + hrv(i) + ",");
            }
        }
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 12; h++) {
            hours.add(String.format(Locale.ROOT, "%sT%02d:15:00+01:00,%d", day(60), h, 60 + h));
        }
        write(sync, "hr-15min", day(60), "time,heart_rate", hours.toArray(String[]::new));
        write(
                sync,
                "hr-15min",
                day(61),
                "time,heart_rate",
                day(61) + "T22:00:00+01:00,58",
                day(61) + "T23:45:00+01:00,57.5");
        write(
                sync,
                "sleep",
                day(62),
                "date,start,end,main_sleep,minutes_asleep,minutes_awake,deep_minutes,light_minutes,rem_minutes,wake_minutes",
                day(62) + "," + day(61) + "T23:10:00+01:00," + day(62) + "T06:40:00+01:00,true,400,50,70,230,100,50",
                day(62) + "," + day(62) + "T14:00:00+01:00," + day(62) + "T14:40:00+01:00,false,35,5,,,,");
        return sync;
    }

    private static void write(Path sync, String dataset, LocalDate day, String header, String... rows) {
        try {
            Files.createDirectories(sync.resolve(dataset));
            Files.writeString(
                    sync.resolve(dataset).resolve(day + ".csv"),
                    header + "\n" + String.join("\n", rows) + (rows.length > 0 ? "\n" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading the page

    /** The SVG of one chart. */
    static String chart(String html, String id) {
        int start = html.indexOf("id=\"" + id + "-chart\"");
        assertTrue(start >= 0, "no chart " + id);
        return html.substring(start, html.indexOf("</svg>", start));
    }

    private static String attribute(String svg, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find(), "no " + name + " in " + svg);
        return m.group(1);
    }

    private static String body(String html) {
        return html.substring(html.indexOf("</header>"), html.indexOf("<footer>"));
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static String oneDecimal(double value) {
        return new BigDecimal(value)
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
