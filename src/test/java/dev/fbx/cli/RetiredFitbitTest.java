package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The legacy Fitbit Web API after 2 November 2026: every endpoint, data and OAuth alike, answers
 * 410 Gone. fbx says the API is off and how to go on (Google sign-in, a Takeout archive), exit 69.
 */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class RetiredFitbitTest extends FakeApiTest {
    @BeforeEach
    void everythingIsGone() {
        api.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(410)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>410 Gone</body></html>")));
    }

    /** The one line fbx ends with: what happened, and both ways on. */
    private static void saysTheApiIsOffAndHowToGoOn(LaunchResult result) {
        String err = result.getErrorOutput();
        assertEquals(69, result.exitCode(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("legacy Fitbit Web API was turned off on 2 November 2026"), err);
        assertTrue(err.contains("fbx auth login --provider google"), err);
        assertTrue(err.contains("--archive") && err.contains("Google Takeout"), err);
        assertFalse(err.contains("report it"), err);
    }

    @Test
    void aDataCommandWithTheSeedsTokenFileSaysTheApiIsOff(QuarkusMainLauncher launcher) {
        Path file = TokenFiles.seed(dir, "ACCESS-TOKEN-1", "REFRESH-TOKEN-1");

        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--days", "3");

        saysTheApiIsOffAndHowToGoOn(result);
        assertFalse(result.getOutput().contains("20"), "no row: " + result.getOutput());
    }

    @Test
    void anExpiredTokenMeetsTheRetiredTokenEndpointAndTheFileStaysAsItWas(QuarkusMainLauncher launcher)
            throws Exception {
        Path file = TokenFiles.expired(dir, "Europe/Berlin");
        String before = Files.readString(file);

        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--days", "3");

        saysTheApiIsOffAndHowToGoOn(result);
        assertEquals(
                1, api.findAll(postRequestedFor(urlEqualTo("/oauth2/token"))).size(), "a 410 is not retried");
        assertEquals(before, Files.readString(file));
    }

    @Test
    void authStatusAndLogoutMeetTheRetiredIntrospectionAndRevocation(QuarkusMainLauncher launcher) throws Exception {
        Path file = TokenFiles.valid(dir, "Europe/Berlin");
        String before = Files.readString(file);

        saysTheApiIsOffAndHowToGoOn(launcher.launch("--token-file", file.toString(), "auth", "status"));
        saysTheApiIsOffAndHowToGoOn(launcher.launch("--token-file", file.toString(), "auth", "logout"));

        assertEquals(
                1,
                api.findAll(postRequestedFor(urlEqualTo("/1.1/oauth2/introspect")))
                        .size());
        assertEquals(
                1, api.findAll(postRequestedFor(urlEqualTo("/oauth2/revoke"))).size());
        assertEquals(before, Files.readString(file));
    }

    @Test
    void doctorNamesTheShutdownAndTheWayOutAndExitsSixtyNine(QuarkusMainLauncher launcher) {
        Path file = TokenFiles.seed(dir, "ACCESS-TOKEN-1", "REFRESH-TOKEN-1");

        LaunchResult result = launcher.launch("--token-file", file.toString(), "doctor");

        String out = result.getOutput();
        assertEquals(69, result.exitCode(), out + result.getErrorOutput());
        assertTrue(out.contains("✓ token file: " + file + " (readable by you only)"), out);
        assertTrue(
                out.contains("✗ provider: fitbit: the legacy Fitbit Web API was turned off on 2 November 2026"), out);
        assertTrue(out.contains("fbx auth login --provider google") && out.contains("--archive"), out);
        assertTrue(
                out.contains(
                        "✗ API and token: The legacy Fitbit Web API was turned off on 2 November 2026 (HTTP 410 Gone for"
                                + " token introspection)"),
                out);
        assertEquals(1, result.getErrorOutput().lines().count(), result.getErrorOutput());
        assertFalse((out + result.getErrorOutput()).contains("TOKEN-1"), "no token is printed");
    }
}
