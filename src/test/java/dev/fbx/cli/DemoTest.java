package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.dataset.Dataset;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --demo}: the built-in synthetic account, through the real clients, without any token file. */
@QuarkusMainTest
class DemoTest {
    private static final String[] WEEK = {"--from", "2024-07-01", "--to", "2024-07-07"};

    @TempDir
    Path dir;

    @Test
    void everyDataCommandWritesItsDocumentedColumns(QuarkusMainLauncher launcher) {
        Map<List<String>, List<String>> commands = Map.of(
                List.of("hr"), Dataset.HR_DAY.columnNames(),
                List.of("hr", "--detail", "15min"), Dataset.HR_1MIN.columnNames(),
                List.of("hrv"), Dataset.HRV_DAY.columnNames(),
                List.of("hrv", "--detail", "intraday"), Dataset.HRV_INTRADAY.columnNames(),
                List.of("spo2"), Dataset.SPO2.columnNames(),
                List.of("spo2", "--detail", "minute"), Dataset.SPO2_MINUTE.columnNames(),
                List.of("br"), Dataset.BR.columnNames(),
                List.of("temp"), Dataset.TEMP.columnNames(),
                List.of("sleep"), Dataset.SLEEP.columnNames());
        commands.forEach((command, columns) -> {
            LaunchResult result = demo(launcher, command, "-q");

            assertEquals(0, result.exitCode(), command + ": " + result.getErrorOutput());
            assertEquals("", result.getErrorOutput(), "-q leaves stderr empty");
            List<String> lines = result.getOutput().lines().toList();
            assertEquals(String.join(",", columns), lines.get(0), command.toString());
            assertTrue(lines.size() > 5, command + " gives a week of rows: " + lines);
            for (String line : lines) {
                assertEquals(columns.size(), line.split(",", -1).length, command + ": " + line);
            }
        });
    }

    /**
     * The default demo speaks the Google Health API; {@code --provider fitbit} gives the legacy
     * Fitbit Web API's shapes of the same person. Both go through each provider's real source, so
     * their rows agree but for what Google does not serve (out-of-range minutes, HRV coverage), what
     * Fitbit does not (the nightly non-REM heart rate and entropy), and the window averages: Google's of the samples, to a decimal; Fitbit's of whole minutes, rounded.
     */
    @Test
    void servesTheGoogleHealthApiAndTheFitbitWebApiOfTheSamePerson(QuarkusMainLauncher launcher) {
        for (List<String> command : List.of(
                List.of("hr"),
                List.of("hrv"),
                List.of("hrv", "--detail", "intraday"),
                List.of("spo2"),
                List.of("spo2", "--detail", "minute"),
                List.of("br"),
                List.of("temp"),
                List.of("sleep"),
                List.of("hr", "--detail", "1sec"),
                List.of("hr", "--detail", "5min"))) {
            LaunchResult google = demo(launcher, command);
            LaunchResult fitbit = demo(launcher, command, "--provider", "fitbit");

            assertEquals(0, google.exitCode(), command + ": " + google.getErrorOutput());
            assertEquals(0, fitbit.exitCode(), command + ": " + fitbit.getErrorOutput());
            assertTrue(
                    google.getErrorOutput().contains("served as the Google Health API on http://127.0.0.1:"),
                    google.getErrorOutput());
            assertTrue(
                    fitbit.getErrorOutput().contains("served as the Fitbit Web API on http://127.0.0.1:"),
                    fitbit.getErrorOutput());
            List<String> googleRows = google.getOutput().lines().toList();
            List<String> fitbitRows = fitbit.getOutput().lines().toList();
            assertEquals(fitbitRows.size(), googleRows.size(), command + ": " + google.getOutput());
            for (int i = 0; i < googleRows.size(); i++) {
                String[] g = googleRows.get(i).split(",", -1);
                String[] f = fitbitRows.get(i).split(",", -1);
                if (i > 0 && command.equals(List.of("hr"))) {
                    assertEquals("", g[2], "Google serves no out-of-range minutes");
                    g[2] = f[2];
                } else if (i > 0 && command.equals(List.of("hrv"))) {
                    assertEquals(",", f[3] + "," + f[4], "Fitbit serves no non-REM heart rate or entropy");
                    assertFalse(g[3].isEmpty() || g[4].isEmpty(), "Google serves them: " + googleRows.get(i));
                    g[3] = f[3];
                    g[4] = f[4];
                } else if (i > 0 && command.contains("intraday")) {
                    assertEquals("", g[2], "Google serves no HRV coverage");
                    g[2] = f[2];
                } else if (i > 0 && command.contains("5min")) {
                    assertTrue(
                            Math.abs(Double.parseDouble(g[1]) - Long.parseLong(f[1])) <= 1,
                            googleRows.get(i) + " / " + fitbitRows.get(i));
                    g[1] = f[1];
                }
                assertEquals(String.join(",", f), String.join(",", g), command + " row " + i);
            }
            if (command.contains("minute")) {
                assertTrue(googleRows.size() > 1000, "a week of readings, one a minute: " + googleRows.size());
                assertTrue(
                        googleRows.stream().noneMatch(row -> row.endsWith(",50")), "the sensor's floor is no reading");
            }
        }
    }

    @Test
    void twoRunsGiveTheSameData(QuarkusMainLauncher launcher) {
        for (List<String> command :
                List.of(List.of("hr", "--detail", "1min"), List.of("sleep"), List.of("hrv", "--detail", "intraday"))) {
            LaunchResult first = demo(launcher, command, "-q");
            LaunchResult second = demo(launcher, command, "-q");

            assertEquals(0, first.exitCode(), first.getErrorOutput());
            assertEquals(first.getOutput(), second.getOutput(), command.toString());
        }
    }

    @Test
    void saysOnStderrThatTheDataIsSyntheticUnlessQuiet(QuarkusMainLauncher launcher) {
        LaunchResult told = launcher.launch("--demo", "br", "--date", "2024-07-01");
        LaunchResult quiet = launcher.launch("--demo", "-q", "br", "--date", "2024-07-01");

        assertEquals(0, told.exitCode(), told.getErrorOutput());
        assertTrue(told.getErrorOutput().contains("synthetic"), told.getErrorOutput());
        assertFalse(told.getOutput().contains("synthetic"), "the notice stays off stdout");
        assertEquals("", quiet.getErrorOutput());
        assertEquals(told.getOutput(), quiet.getOutput());
    }

    @Test
    void neitherCreatesNorNeedsATokenFile(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = dir.resolve("nowhere").resolve("fb_conf.json");

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "--demo", "hrv", "--days", "3");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertFalse(Files.exists(tokens.getParent()), "no token file, lock file or directory was created");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void doesNotReadTheTokenFile(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = dir.resolve("fb_conf.json");
        Files.writeString(tokens, "{not json");

        LaunchResult demo = launcher.launch("--token-file", tokens.toString(), "--demo", "temp", "--days", "3");
        LaunchResult real = launcher.launch("--token-file", tokens.toString(), "temp", "--days", "3");

        assertEquals(0, demo.exitCode(), demo.getErrorOutput());
        assertEquals(78, real.exitCode(), "without --demo the same corrupt file is read and refused");
        assertEquals("{not json", Files.readString(tokens));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(tokens), files.toList(), "no lock file either");
        }
    }

    private static LaunchResult demo(QuarkusMainLauncher launcher, List<String> command, String... global) {
        List<String> args = new java.util.ArrayList<>(List.of("--demo"));
        args.addAll(List.of(global));
        args.addAll(command);
        args.addAll(List.of(WEEK));
        return launcher.launch(args.toArray(String[]::new));
    }
}
