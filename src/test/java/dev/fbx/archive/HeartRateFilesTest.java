package dev.fbx.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.FbxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heart-rate scanners on the shapes real files come in and on shapes they might: whatever the
 * white space, field order, extra fields, escapes, number forms, line ends or quoting, the same
 * samples as a JSON or CSV parser would give; anything that is not JSON or CSV is exit 65 naming
 * the entry.
 */
class HeartRateFilesTest {
    @TempDir
    Path dir;

    private List<String> json(String text) throws IOException {
        return read("Global Export Data/heart_rate-2024-01-15.json", text, true);
    }

    private List<String> csv(String text) throws IOException {
        return read("Physical Activity_GoogleData/heart_rate_2024-01-15.csv", text, false);
    }

    private List<String> read(String name, String text, boolean json) throws IOException {
        Path file = dir.resolve("Takeout/Fitbit/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> samples = new ArrayList<>();
        try (Archive archive = Archive.open(List.of(dir))) {
            Archive.Entry entry = archive.on(
                            json ? Family.HEART_RATE : Family.HEART_RATE_CSV, java.time.LocalDate.of(2024, 1, 15))
                    .get(0);
            if (json) {
                HeartRateFiles.json(
                        archive, entry, (s, bpm) -> samples.add(java.time.Instant.ofEpochSecond(s) + " " + bpm));
            } else {
                HeartRateFiles.csv(
                        archive, entry, (s, bpm) -> samples.add(java.time.Instant.ofEpochSecond(s) + " " + bpm));
            }
        }
        return samples;
    }

    @Test
    void jsonSamplesWhateverTheLayout() throws IOException {
        List<String> two = List.of("2024-01-15T05:00:04Z 64", "2024-01-15T05:00:09Z 65");
        // Jackson's pretty print, as the exports have it.
        assertEquals(
                two,
                json("[{\n  \"dateTime\" : \"01/15/24 05:00:04\",\n  \"value\" : {\n    \"bpm\" : 64,\n"
                        + "    \"confidence\" : 3\n  }\n},{\n  \"dateTime\" : \"01/15/24 05:00:09\",\n  \"value\" : {\n"
                        + "    \"bpm\" : 65,\n    \"confidence\" : 2\n  }\n}]"));
        // Compact, CRLF, tabs, fields in another order, extra fields of every kind, a four-digit year, a decimal bpm.
        assertEquals(
                two,
                json(
                        "[{\"value\":{\"confidence\":3,\"bpm\":64},\"dateTime\":\"01/15/24 05:00:04\"},\r\n"
                                + "\t{\"note\" : \"a \\\"quoted\\\" \\\\ word\", \"tags\" : [1, -2.5e3, true, false, null, {\"x\" : []}],"
                                + " \"dateTime\" : \"01/15/2024 05:00:09\", \"value\" : {\"bpm\" : 64.6, \"extra\" : {\"deep\" : [\"]}\"]}}}]"));
        // Empty files and lists; a sample without a bpm, or with 0, is none.
        assertEquals(List.of(), json(""));
        assertEquals(List.of(), json("[ ]"));
        assertEquals(
                List.of(),
                json("[{\"dateTime\" : \"01/15/24 05:00:04\", \"value\" : {\"bpm\" : 0}},"
                        + " {\"dateTime\" : \"01/15/24 05:00:05\", \"value\" : {}}, {}]"));
    }

    @Test
    void aFileThatIsNotJsonIsTheArchivesFaultNamingTheEntryAndLine() {
        for (String broken : List.of(
                "[{\"dateTime\" : \"11/03/24 05:00:04\",\"value\" : {",
                "[{\"dateTime\" : ",
                "[{\"dateTime\" : \"01/15/24 05:00:04\",\n\"value\" : {\"bpm\" : 64}} {\"dateTime\" : 1}]",
                "[{\"dateTime\" : \"01/15/24 05:00:04\", \"value\" : {\"bpm\" : 6x}}]",
                "[{\"dateTime\" : \"01/15/24 05:00:04\", \"value\" : {\"bpm\" : 64}, \"flag\" : tru}]",
                "{\"dateTime\" : \"01/15/24 05:00:04\"}",
                "[{\"dateTime\" : \"2024-01-15 05:00:04\", \"value\" : {\"bpm\" : 64}}]")) {
            FbxException e = assertThrows(FbxException.class, () -> json(broken), broken);
            assertEquals(FbxException.BAD_DATA, e.exitCode(), broken);
            assertTrue(e.getMessage().contains("heart_rate-2024-01-15.json"), e.getMessage());
        }
        FbxException e = assertThrows(
                FbxException.class,
                () -> json("[{\"dateTime\" : \"01/15/24 05:00:04\",\n\n  \"value\" : {\"bpm\" : 64}} x]"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void csvSamplesWithAndWithoutTheDataSourceQuotedOrNot() throws IOException {
        assertEquals(
                List.of("2024-01-15T00:00:04Z 65", "2024-01-15T00:00:09Z 66", "2024-01-15T00:00:14Z 67"),
                csv("\uFEFFtimestamp,beats per minute,data source\r\n2024-01-15T00:00:04Z,65.0,Inspire 3\r\n\r\n"
                        + "\"2024-01-15T00:00:09Z\",\"65.5\",\"Pixel Watch, 2\"\r\n2024-01-15T00:00:14.000Z,67,\n"
                        + "2024-01-15T00:00:19Z,NaN,Inspire 3\n2024-01-15T00:00:24Z,,Inspire 3"));
        assertEquals(
                List.of("2024-01-15T00:00:04Z 65"),
                csv("data source,beats per minute,timestamp\nX,65.0,2024-01-15T00:00:04Z"));
        assertEquals(List.of(), csv("timestamp,beats per minute"));
        assertEquals(List.of(), csv(""));
    }

    @Test
    void aCsvLineThatIsNotASampleIsTheArchivesFault() {
        for (String broken : List.of(
                "timestamp,beats per minute\n2024-01-15T00:00:04Z,fast\n",
                "timestamp,beats per minute\n2024-01-15 00:00:04,65.0\n",
                "timestamp,beats per minute\n2024-01-15T00:00:04Z,65.0,Inspire 3\n",
                "timestamp,beats per minute\n\"2024-01-15T00:00:04Z,65.0\n")) {
            FbxException e = assertThrows(FbxException.class, () -> csv(broken), broken);
            assertEquals(FbxException.BAD_DATA, e.exitCode(), broken);
            assertTrue(
                    e.getMessage().contains("heart_rate_2024-01-15.csv")
                            && e.getMessage().contains("line 2"),
                    e.getMessage());
        }
    }
}
