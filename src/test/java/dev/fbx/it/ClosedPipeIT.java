package dev.fbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.FbxProcess;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that fails, as in a shell: a reader that closes the pipe early ({@code fbx … | head})
 * ends fbx quietly with exit 0; a write that fails for another reason (a full disk) is exit 74 with a line.
 */
class ClosedPipeIT {
    @TempDir
    Path dir;

    /** A month of 1-second heart rate of the demo account: far more than a pipe's buffer holds. */
    private static final String[] MANY_ROWS = {"-q", "--demo", "hr", "--detail", "1sec", "--days", "30"};

    @Test
    void aReaderThatClosesThePipeEndsFbxQuietly() throws Exception {
        Process fbx = new ProcessBuilder(FbxProcess.command(MANY_ROWS))
                .directory(dir.toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(fbx.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("time,heart_rate", out.readLine());
            assertTrue(out.readLine().matches("\\d{4}-\\d\\d-\\d\\dT.*,\\d+"));
        }
        assertTrue(fbx.waitFor(2, TimeUnit.MINUTES), "fbx stops once nobody reads");
        assertEquals(0, fbx.exitValue());
        assertEquals("", Files.readString(dir.resolve("err")));
    }

    @Test
    void aFullDiskOnStandardOutputIsExitSeventyFourWithOneLine() throws Exception {
        File full = new File("/dev/full");
        if (!full.exists()) {
            return;
        }
        Process fbx = new ProcessBuilder(FbxProcess.command(MANY_ROWS))
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(full))
                .redirectError(dir.resolve("err").toFile())
                .start();
        assertTrue(fbx.waitFor(2, TimeUnit.MINUTES));
        String err = Files.readString(dir.resolve("err"));
        assertEquals(74, fbx.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("Cannot write standard output"), err);
    }
}
