package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.TokenFiles;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cohort report --in}: the compliance of a demo cohort's sync directories, as CSV whose every
 * field is counted again here from the files, and as a page that lists the least worn first and
 * says who must sign in again.
 */
@QuarkusMainTest
class CohortReportTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final LocalDate today = LocalDate.now(BERLIN);
    final LocalDate from = today.minusDays(8);
    final LocalDate to = today.minusDays(1);

    @TempDir
    Path dir;

    Path roster;
    Path out;

    /** Eight synthetic people, some of whom leave the tracker off on some days. */
    void cohort(QuarkusMainLauncher launcher) throws IOException {
        StringBuilder people = new StringBuilder("participant,token_file,archive\n");
        for (int i = 1; i <= 8; i++) {
            people.append("r").append(i).append(",,\n");
        }
        Path synced = Files.writeString(dir.resolve("synced.csv"), people);
        out = dir.resolve("cohort");
        LaunchResult sync = launcher.launch(
                "--demo",
                "cohort",
                "sync",
                "--roster",
                synced.toString(),
                "--out",
                out.toString(),
                "--since",
                from.toString(),
                "--types",
                "hr,hrv,sleep",
                "--hr-detail",
                "1min");
        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        // Two more in the roster the report reads: one never synced, and one whose sign-in has expired.
        TokenFiles.write(
                dir.resolve("late.json"),
                "{\"provider\":\"google\",\"client_id\":\"C\",\"access_token\":\"ya29.X\",\"refresh_token\":\"1//R\","
                        + "\"refresh_token_expires_at\":\"" + Instant.now().minusSeconds(3 * 86400 + 60) + "\"}");
        people.append("late,late.json,\nnever,,\n");
        roster = Files.writeString(dir.resolve("roster.csv"), people);
    }

    LaunchResult report(QuarkusMainLauncher launcher, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "cohort",
                "report",
                "--roster",
                roster.toString(),
                "--in",
                out.toString(),
                "--from",
                from.toString(),
                "--to",
                to.toString()));
        args.addAll(List.of(more));
        return launcher.launch(args.toArray(String[]::new));
    }

    @Test
    void theCsvCountsTheHoursNightsAndSleepsTheFilesHoldAndThePageListsTheLeastWornFirst(QuarkusMainLauncher launcher)
            throws IOException {
        cohort(launcher);
        Path csv = dir.resolve("compliance.csv");
        Path page = dir.resolve("compliance.html");

        LaunchResult result = report(launcher, "-o", page.toString(), "--csv", csv.toString());

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("participant,date,worn_hours,has_hrv,has_sleep", lines.get(0));
        assertEquals(1 + 10 * 8, lines.size(), "ten participants, eight days each");
        int worn = 0;
        int off = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            LocalDate day = LocalDate.parse(f[1]);
            if (f[0].equals("late") || f[0].equals("never")) {
                assertEquals("", f[2], line + ": no intraday heart rate synced is not 0 hours");
                assertEquals("false,false", f[3] + "," + f[4], line);
                continue;
            }
            Path folder = out.resolve(f[0]);
            assertEquals(Integer.toString(hours(folder.resolve("hr-1min/" + day + ".csv"))), f[2], line);
            assertEquals(
                    Boolean.toString(Files.readAllLines(folder.resolve("hrv-day/" + day + ".csv"))
                                    .size()
                            > 1),
                    f[3],
                    line);
            assertEquals(
                    Boolean.toString(Files.readString(folder.resolve("sleep/" + day + ".csv"))
                            .contains(",true,")),
                    f[4],
                    line);
            worn += Integer.parseInt(f[2]) >= 10 ? 1 : 0;
            off += f[2].equals("0") ? 1 : 0;
        }
        assertTrue(worn > 40, "most days worn: " + worn);

        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(
                html.contains("<script") || html.contains("http://") || html.contains("https://"), "self-contained");
        assertTrue(html.contains("id=\"compliance-chart\""));
        // Those below the threshold (and those not known) come first, both in the grid and in the table.
        int never = html.indexOf("<td>never</td>");
        int late = html.indexOf("<td>late</td>");
        assertTrue(never > 0 && late > 0, html);
        for (int i = 1; i <= 8; i++) {
            int at = html.indexOf("<td>r" + i + "</td>");
            assertTrue(at > 0, "r" + i);
        }
        assertTrue(html.contains("expired 3 days 0 h ago: sign in again"), html);
        assertTrue(html.contains("1 must sign in again"), html);
        assertTrue(result.getErrorOutput().contains("(10 participants, " + from + ".." + to), result.getErrorOutput());
        if (off > 0) {
            assertTrue(html.contains("class=\"none\""), "days without heart rate are drawn");
        }

        Path again = dir.resolve("again.html");
        assertEquals(0, report(launcher, "-o", again.toString()).exitCode());
        assertEquals(withoutTime(html), withoutTime(Files.readString(again)), "the same data gives the same page");
    }

    private static String withoutTime(String html) {
        return html.replaceAll("<dd>[0-9-]+ [0-9:]+ UTC by fbx</dd>", "");
    }

    @Test
    void optionsThatDoNotFitAreUsageErrors(QuarkusMainLauncher launcher) throws IOException {
        roster = Files.writeString(dir.resolve("roster.csv"), "participant,token_file,archive\nr1,,\n");
        out = Files.createDirectories(dir.resolve("cohort"));
        String page = dir.resolve("x.html").toString();
        assertEquals(
                64,
                report(launcher, "-o", page, "--db", "postgresql://fbx@127.0.0.1:1/fbx")
                        .exitCode());
        assertEquals(64, report(launcher, "-o", page, "--min-hours", "0").exitCode());
        assertEquals(64, report(launcher).exitCode(), "no -o");
        LaunchResult notADirectory = launcher.launch(
                "cohort", "report", "--roster", roster.toString(), "--in", roster.toString(), "-o", page);
        assertEquals(64, notADirectory.exitCode());
        assertTrue(notADirectory.getErrorOutput().contains("is not a directory"), notADirectory.getErrorOutput());
        assertFalse(Files.exists(Path.of(page)));
    }

    /** The local clock hours of a day's file that hold a heart rate. */
    static int hours(Path file) throws IOException {
        BitSet hours = new BitSet();
        for (String line :
                Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] f = line.split(",", -1);
            if (!f[1].isEmpty()) {
                hours.set(Integer.parseInt(f[0].substring(11, 13)));
            }
        }
        return hours.cardinality();
    }
}
