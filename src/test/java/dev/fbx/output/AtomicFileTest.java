package dev.fbx.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewFileGetsWhatTheUmaskGivesAnyNewFile() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));

        AtomicFile.write(dir.resolve("out.csv"), "a\n".getBytes(StandardCharsets.UTF_8), false);

        assertEquals(mode(reference), mode(dir.resolve("out.csv")));
    }

    @Test
    void anExistingFileKeepsItsModeAndATokenFileIsOwnerOnly() throws Exception {
        Path out = Files.writeString(dir.resolve("out.csv"), "old\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-rw----"));

        AtomicFile.write(out, "new\n".getBytes(StandardCharsets.UTF_8), false);
        AtomicFile.write(dir.resolve("fb_conf.json"), "{}".getBytes(StandardCharsets.UTF_8), true);

        assertEquals("new\n", Files.readString(out));
        assertEquals("rw-rw----", mode(out));
        assertEquals("rw-------", mode(dir.resolve("fb_conf.json")));
    }

    @Test
    void withoutACommitTheTargetStaysAsItWasAndNoTemporaryFileRemains() throws Exception {
        Path out = Files.writeString(dir.resolve("out.csv"), "old\n");

        try (AtomicFile file = AtomicFile.create(out)) {
            file.stream().write("half a fi".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals("old\n", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("out.csv"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
