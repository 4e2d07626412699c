package dev.fbx.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.FbxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster is read whole and checked before anything is fetched; a wrong line is exit 65 naming it. */
class RosterTest {
    @TempDir
    Path dir;

    Path roster(String text) throws IOException {
        Path study = Files.createDirectories(dir.resolve("study"));
        return Files.writeString(study.resolve("roster.csv"), text);
    }

    @Test
    void participantsComeInTheRostersOrderWithPathsFromItsFolder() throws IOException {
        Path file = roster("\uFEFFparticipant,token_file,archive\r\n"
                + "p01,tokens/p01.json,\r\n"
                + "\r\n"
                + "p-02,,\"/data/takeout, 2026.zip\"\r\n"
                + "P_03, ../elsewhere/p03.json ,\r\n");

        List<Roster.Participant> all = Roster.read(file, false).participants();

        assertEquals(
                List.of("p01", "p-02", "P_03"),
                all.stream().map(Roster.Participant::id).toList());
        assertEquals(
                dir.resolve("study/tokens/p01.json").toAbsolutePath(),
                all.get(0).tokenFile());
        assertNull(all.get(0).archive());
        assertEquals(Path.of("/data/takeout, 2026.zip"), all.get(1).archive());
        assertEquals(
                dir.resolve("elsewhere/p03.json").toAbsolutePath(), all.get(2).tokenFile());
        assertEquals(List.of(0, 1, 2), all.stream().map(Roster.Participant::row).toList());
        assertEquals(
                List.of(2, 4, 5), all.stream().map(Roster.Participant::line).toList());
    }

    @Test
    void aWrongLineIsNamed() throws IOException {
        String header = "participant,token_file,archive\n";
        assertMalformed("participant,token,archive\np1,a.json,\n", 1, "the header is 'participant,token,archive'");
        assertMalformed(header + "p1,a.json\n", 2, "it has 2 fields, not the header's 3");
        assertMalformed(header + "p1,a.json,\np 2,b.json,\n", 3, "the participant id 'p 2' is not 1 to 64 letters");
        assertMalformed(
                header + "p1,a.json,\n" + "x".repeat(65) + ",b.json,\n",
                3,
                "the participant id '" + "x".repeat(65) + "' is not 1 to 64");
        assertMalformed(header + "p1,a.json,\np2,b.json,\np1,c.json,\n", 4, "participant p1 is on line 2 already");
        assertMalformed(header + "p1,a.json,a.zip\n", 2, "p1 has both a token file and an archive");
        assertMalformed(header + "p1,,\n", 2, "p1 has neither a token file nor an archive");
        assertMalformed(header + "p1,a.json,\np2,./a.json,\n", 3, "study/a.json is line 2's too");
        assertMalformed(header + "p1,\"a.json,\n", 2, "a quote is not closed");
        assertMalformed(header, 2, "it names no participant");
    }

    @Test
    void withTheDemoALineNeedsNoFile() throws IOException {
        Path file = roster("participant,token_file,archive\np1,,\np2,p2.json,\n");
        assertEquals(2, Roster.read(file, true).participants().size());
    }

    @Test
    void aMissingRosterIsAUsageError() {
        FbxException e = assertThrows(FbxException.class, () -> Roster.read(dir.resolve("none.csv"), false));
        assertEquals(FbxException.USAGE, e.exitCode());
    }

    @Test
    void theShardsTakeEveryParticipantOnceByRow() throws IOException {
        StringBuilder text = new StringBuilder(Roster.HEADER + "\n");
        for (int i = 0; i < 11; i++) {
            text.append("p").append(i).append(",,\n");
        }
        Roster roster = Roster.read(roster(text.toString()), true);
        List<String> covered = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            covered.addAll(roster.shard(Shard.parse(i + "/4")).stream()
                    .map(Roster.Participant::id)
                    .toList());
        }
        assertEquals(
                List.of("p1", "p5", "p9"),
                roster.shard(Shard.parse("1/4")).stream()
                        .map(Roster.Participant::id)
                        .toList());
        assertEquals(11, covered.size());
        assertEquals(11, covered.stream().distinct().count());
        assertEquals(roster.participants(), roster.shard(Shard.ALL));
    }

    @Test
    void aShardIsIndexSlashCount() {
        assertEquals(new Shard(3, 4), Shard.parse("3/4"));
        for (String bad : List.of("4/4", "-1/4", "1/0", "1", "a/b", "1/2/3")) {
            FbxException e = assertThrows(FbxException.class, () -> Shard.parse(bad), bad);
            assertEquals(FbxException.USAGE, e.exitCode());
        }
    }

    private void assertMalformed(String text, int line, String why) throws IOException {
        Path file = roster(text);
        FbxException e = assertThrows(FbxException.class, () -> Roster.read(file, false), text);
        assertEquals(FbxException.BAD_DATA, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("roster.csv line " + line + " is not right: "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was fetched"), e.getMessage());
    }
}
