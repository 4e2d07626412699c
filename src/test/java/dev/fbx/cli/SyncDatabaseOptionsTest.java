package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.TokenFiles;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync --db}: what is refused before anything is read, fetched or written. */
@QuarkusMainTest
class SyncDatabaseOptionsTest {
    @TempDir
    Path dir;

    String tokens;

    @BeforeEach
    void tokenFile() {
        tokens = TokenFiles.valid(dir, "Europe/Berlin").toString();
    }

    @Test
    void outAndDbExcludeEachOther(QuarkusMainLauncher launcher) {
        Path out = dir.resolve("data");
        LaunchResult result = launcher.launch(
                "--token-file",
                tokens,
                "sync",
                "--since",
                "2024-01-01",
                "--out",
                out.toString(),
                "--db",
                "postgresql://fbx@127.0.0.1:1/fbx");
        assertEquals(64, result.exitCode());
        assertTrue(result.getErrorOutput().contains("--out and --db exclude each other"), result.getErrorOutput());
        assertFalse(Files.exists(out));
    }

    @Test
    void aUrlCarryingAPasswordIsRefusedWithoutRepeatingIt(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(
                "--token-file",
                tokens,
                "sync",
                "--since",
                "2024-01-01",
                "--db",
                "postgresql://fbx:hunter2@127.0.0.1:1/fbx");
        assertEquals(64, result.exitCode());
        assertTrue(
                result.getErrorOutput().contains("put it in FBX_DB_PASSWORD, PGPASSWORD or ~/.pgpass"),
                result.getErrorOutput());
        assertFalse(result.getErrorOutput().contains("hunter2"), result.getErrorOutput());
    }

    @Test
    void anUnreachableDatabaseIsOutputFailingAndNamesTheUrlWithoutItsPassword(QuarkusMainLauncher launcher)
            throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LaunchResult result = launcher.launch(
                "--demo", "sync", "--since", "yesterday", "--db", "postgresql://fbx@127.0.0.1:" + closed + "/fbx");
        assertEquals(74, result.exitCode(), result.getErrorOutput());
        assertTrue(
                result.getErrorOutput()
                        .contains("Cannot reach the database postgresql://fbx@127.0.0.1:" + closed + "/fbx"),
                result.getErrorOutput());
    }

    @Test
    void withoutATargetSyncSaysWhatItNeeds(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--token-file", tokens, "sync", "--since", "2024-01-01");
        assertEquals(64, result.exitCode());
        assertTrue(
                result.getErrorOutput().contains("fbx sync needs --out DIR (a directory of CSV files) or --db URL"),
                result.getErrorOutput());
    }
}
