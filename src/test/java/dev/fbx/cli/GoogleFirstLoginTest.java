package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * SPEC "Sources": 'fbx auth login' without --provider signs in with Google when it creates the
 * token file, and keeps Fitbit for an existing seed-format file. Nobody answers the sign-in here:
 * the URL fbx prints shows where it sent the user, and the timeout leaves the files as they were.
 */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class GoogleFirstLoginTest extends FakeApiTest {
    @Test
    void aLoginThatCreatesTheTokenFileSignsInWithGoogle(QuarkusMainLauncher launcher) {
        Path file = dir.resolve("fb_conf.json");

        LaunchResult result = launcher.launch(
                "--token-file",
                file.toString(),
                "auth",
                "login",
                "--client-id",
                "ID.apps.googleusercontent.com",
                "--client-secret",
                "GOCSPX-S",
                "--no-browser",
                "--timeout",
                "1");

        String err = result.getErrorOutput();
        assertTrue(err.contains("Sign in to Google"), err);
        assertTrue(err.contains("/google/authorize?client_id=ID.apps.googleusercontent.com"), err);
        assertTrue(err.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"), err);
        assertEquals(77, result.exitCode(), err);
        assertFalse(Files.exists(file));
    }

    @Test
    void aLoginWithTheSeedsTokenFileStaysWithFitbit(QuarkusMainLauncher launcher) throws IOException {
        Path file = TokenFiles.seed(dir, "A", "R");
        String before = Files.readString(file);

        LaunchResult result = launcher.launch(
                "--token-file",
                file.toString(),
                "auth",
                "login",
                "--port",
                String.valueOf(freePort()),
                "--no-browser",
                "--timeout",
                "1");

        String err = result.getErrorOutput();
        assertTrue(err.contains("Sign in to Fitbit"), err);
        assertTrue(err.contains("/fitbit/authorize?client_id=CLIENT"), err);
        assertEquals(before, Files.readString(file));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
