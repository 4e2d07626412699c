package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.FbxProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a machine without any token file: the packaged fbx, run in an
 * empty working directory, prints a week of demo HRV and leaves nothing behind.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void theQuickStartWorksWithoutATokenFileAndLeavesNothingBehind() throws Exception {
        int flag = FbxProcess.run(dir, Map.of(), "flag", "--demo", "hrv", "--days", "7");
        int env = FbxProcess.run(
                dir,
                Map.of(
                        "FBX_DEMO",
                        "1",
                        "FBX_TOKEN_FILE",
                        dir.resolve("absent.json").toString()),
                "env",
                "hrv",
                "--days",
                "7");

        assertEquals(0, flag, FbxProcess.output(dir, "flag", "err"));
        assertEquals(0, env, FbxProcess.output(dir, "env", "err"));
        String hrv = FbxProcess.output(dir, "flag", "out");
        assertTrue(hrv.startsWith("date,daily_rmssd,deep_rmssd,nrem_heart_rate,entropy\n"), hrv);
        assertTrue(hrv.lines().count() >= 6, "about a week of nights: " + hrv);
        assertEquals(hrv, FbxProcess.output(dir, "env", "out"), "FBX_DEMO=1 is --demo, and separate runs agree");
        assertTrue(FbxProcess.output(dir, "flag", "err").contains("synthetic"), FbxProcess.output(dir, "flag", "err"));
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("env.err", "env.out", "flag.err", "flag.out"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no fb_conf.json, lock or temporary file");
        }
    }

    /** In a process of its own, because -v changes the log level of the JVM it runs in. */
    @Test
    void startsFromAnExpiredTokenAndRefreshesItAtTheTokenEndpoint() throws Exception {
        int exit = FbxProcess.run(dir, Map.of(), "verbose", "--demo", "-v", "spo2", "--date", "2024-07-01");

        String err = FbxProcess.output(dir, "verbose", "err");
        assertEquals(0, exit, err);
        List<String> log = err.lines().toList();
        int refresh = indexOf(log, "a token refresh: HTTP 200");
        int data = indexOf(log, "SpO2 2024-07-01: HTTP 200");
        assertTrue(refresh >= 0 && refresh < data, "the refresh comes first: " + err);
        assertTrue(err.contains("access token refreshed"), err);
        assertEquals(
                0,
                log.stream().filter(l -> l.contains("HTTP 401")).count(),
                "no request was sent with the expired token: " + err);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyDatasetOfADayComesFromTheSameSyntheticNight() throws Exception {
        Map<String, String> demo = Map.of("FBX_DEMO", "true");
        assertEquals(0, FbxProcess.run(dir, demo, "sleep", "sleep", "--date", "2024-10-27", "--utc", "-q"));
        assertEquals(
                0,
                FbxProcess.run(dir, demo, "hrv", "hrv", "--detail", "intraday", "--date", "2024-10-27", "--utc", "-q"));

        String sleep = FbxProcess.output(dir, "sleep", "out")
                .lines()
                .filter(l -> l.contains(",true,"))
                .findFirst()
                .orElseThrow();
        String sleepStart = sleep.split(",")[1];
        String sleepEnd = sleep.split(",")[2];
        List<String> windows = FbxProcess.output(dir, "hrv", "out")
                .lines()
                .skip(1)
                .map(l -> l.split(",")[0])
                .toList();
        assertTrue(windows.size() > 60, "5-minute windows through the night: " + windows.size());
        assertTrue(
                windows.get(0).compareTo(sleepStart) >= 0
                        && windows.get(windows.size() - 1).compareTo(sleepEnd) < 0,
                "HRV windows " + windows.get(0) + ".." + windows.get(windows.size() - 1) + " lie in the main sleep "
                        + sleepStart + ".." + sleepEnd);
        assertEquals("", FbxProcess.output(dir, "sleep", "err"));
    }
}
