package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.FbxProcess;
import dev.fbx.support.TakeoutArchive;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -v} on an archive says which family of files each dataset's rows came from (a process of its own: -v changes the log level of the JVM it runs in). */
class ArchiveVerboseIT {
    static final LocalDate FIRST = LocalDate.of(2024, 10, 25);
    static final LocalDate LAST = LocalDate.of(2024, 11, 10);

    @TempDir
    Path dir;

    @Test
    void verboseSaysHowManyRowsEachFamilyGave() throws Exception {
        TakeoutArchive archive = new TakeoutArchive(
                TakeoutArchive.Layout.TAKEOUT_FITBIT,
                ZoneId.of("America/New_York"),
                "America/New_York",
                FIRST,
                LAST,
                120,
                11);
        String zip = archive.zip(dir.resolve("takeout.zip")).toString();

        int hrv = FbxProcess.run(
                dir,
                Map.of(),
                "hrv",
                "-v",
                "--archive",
                zip,
                "hrv",
                "--from",
                FIRST.toString(),
                "--to",
                LAST.toString());
        int seconds = FbxProcess.run(
                dir, Map.of(), "seconds", "-v", "--archive", zip, "hr", "--detail", "1sec", "--date", "2024-11-01");

        String hrvLog = FbxProcess.output(dir, "hrv", "err");
        String secondsLog = FbxProcess.output(dir, "seconds", "err");
        assertEquals(0, hrv, hrvLog);
        assertEquals(0, seconds, secondsLog);
        // Nights: the first three, and the one whose RMSSD is the placeholder 0, only in the legacy family; the newest
        // only in _GoogleData.
        assertTrue(
                hrvLog.contains("archive: hrv-day " + FIRST + ".." + LAST + ": 9 rows from both families"
                        + " (_GoogleData's values first), 4 from the legacy files only, 1 from _GoogleData only"),
                hrvLog);
        assertTrue(
                secondsLog.matches(
                        "(?s).*archive: hr-1sec 2024-11-01: [1-9]\\d* instants in both families \\(the JSON's"
                                + " bpm\\), [1-9]\\d* in the JSON files only, [1-9]\\d* in _GoogleData's CSV files only\n.*"),
                secondsLog);
    }
}
