package dev.fbx.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.FbxException;
import dev.fbx.dataset.DateRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressTest {
    static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);

    @Test
    void adjacentDaysMergeIntoOneRunAndGapsStayOpen() {
        Progress progress = Progress.empty();
        progress.since(JAN_1);
        for (int day : new int[] {0, 1, 2, 6, 4, 5}) {
            progress.complete("hr-day", JAN_1.plusDays(day));
        }

        assertEquals("""
                {
                  "version" : 1,
                  "since" : "2024-01-01",
                  "complete" : {
                    "hr-day" : [ [ "2024-01-01", "2024-01-03" ], [ "2024-01-05", "2024-01-07" ] ]
                  }
                }
                """, progress.toJson());
        assertEquals(
                List.of(
                        new DateRange(JAN_1.plusDays(3), JAN_1.plusDays(3)),
                        new DateRange(JAN_1.plusDays(7), JAN_1.plusDays(9))),
                progress.missing("hr-day", new DateRange(JAN_1, JAN_1.plusDays(9))));
        assertEquals(
                List.of(new DateRange(JAN_1, JAN_1.plusDays(9))),
                progress.missing("hrv-day", new DateRange(JAN_1, JAN_1.plusDays(9))));

        progress.complete("hr-day", JAN_1.plusDays(3));
        assertTrue(progress.toJson().contains("[ [ \"2024-01-01\", \"2024-01-07\" ] ]"), progress.toJson());
    }

    @Test
    void whatIsSavedReadsBackTheSame(@TempDir Path dir) {
        Progress progress = Progress.empty();
        progress.since(JAN_1);
        progress.complete("hrv-intraday", JAN_1);
        progress.complete("hrv-intraday", JAN_1.plusDays(30));
        progress.save(dir);

        Progress read = Progress.load(dir);

        assertEquals(progress.toJson(), read.toJson());
        assertTrue(read.isComplete("hrv-intraday", JAN_1.plusDays(30)));
        assertFalse(read.isComplete("hrv-intraday", JAN_1.plusDays(29)));
    }

    @Test
    void noFileIsAFirstRun(@TempDir Path dir) {
        Progress progress = Progress.load(dir);

        assertEquals(null, progress.since());
        assertFalse(Files.exists(dir.resolve(Progress.FILE)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "{\"since\":\"2024-01-01\"}",
                "{\"version\":2}",
                "{\"version\":1,\"since\":\"yesterday\"}",
                "{\"version\":1,\"complete\":[]}",
                "{\"version\":1,\"complete\":{\"hr-day\":\"2024-01-01\"}}",
                "{\"version\":1,\"complete\":{\"hr-day\":[[\"2024-01-01\"]]}}",
                "{\"version\":1,\"complete\":{\"hr-day\":[[\"2024-01-05\",\"2024-01-01\"]]}}",
                "{\"version\":1,\"complete\":{\"hr-day\":[[\"2024-01-01\",\"2024-02-30\"]]}}",
                "{\"version\":1,\"complete\":{\"hr-day\":[[\"2024-01-01\""
            })
    void aFileFbxDidNotWriteIsRejectedAndLeftAsItIs(String text, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Progress.FILE), text);

        FbxException e = assertThrows(FbxException.class, () -> Progress.load(dir));

        assertEquals(FbxException.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("is corrupt ("), e.getMessage());
        assertEquals(text, Files.readString(dir.resolve(Progress.FILE)));
    }
}
