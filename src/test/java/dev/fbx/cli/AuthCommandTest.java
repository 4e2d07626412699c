package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.Fixtures;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** fbx auth status | refresh | logout against the fake providers, and the ways a login fails before any browser is involved. */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class AuthCommandTest extends FakeApiTest {

    /** A signed-in google token file; the access token expires in an hour unless {@code expired}. */
    Path googleTokens(boolean expired) {
        return TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"GCLIENT\",\"client_secret\":\"GSECRET\","
                        + "\"access_token\":\"ya29.GACCESS\",\"refresh_token\":\"1//GREFRESH\",\"expires_at\":\""
                        + Instant.now().plusSeconds(expired ? -60 : 3600)
                        + "\",\"scope\":\"https://www.googleapis.com/auth/googlehealth.sleep.readonly\","
                        + "\"timezone\":\"Europe/Berlin\",\"note\":\"kept\"}");
    }

    static void assertNoSecrets(LaunchResult result, String... secrets) {
        for (String secret : secrets) {
            assertFalse(result.getOutput().contains(secret), "stdout shows " + secret);
            assertFalse(result.getErrorOutput().contains(secret), "stderr shows " + secret);
        }
    }

    @Test
    void fitbitStatusAsksTheIntrospectionEndpointAndNeverShowsATheToken(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(
                post("/1.1/oauth2/introspect")
                        .willReturn(
                                okJson(
                                        "{\"active\":true,\"scope\":\"{HEARTRATE=READ}\",\"client_id\":\"CLIENT\",\"user_id\":\"ABC123\",\"token_type\":\"access_token\"}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "status");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("provider: fitbit"), result.getOutput());
        assertTrue(result.getOutput().contains("user_id: ABC123"), result.getOutput());
        assertTrue(
                result.getOutput()
                        .matches(
                                "(?s).*expires_at: \\S+Z \\(in 59 min\\).*|(?s).*expires_at: \\S+Z \\(in 1 h 0 min\\).*"),
                result.getOutput());
        assertTrue(result.getOutput().contains("status: usable"), result.getOutput());
        assertNoSecrets(result, "ACCESS", "REFRESH");
        api.verify(postRequestedFor(urlEqualTo("/1.1/oauth2/introspect"))
                .withHeader("Authorization", equalTo("Bearer ACCESS"))
                .withRequestBody(equalTo("token=ACCESS")));
    }

    @Test
    void anExpiredTokenIsRenewedBeforeTheStatusIsAsked(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.expired(dir, "Europe/Berlin");
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));
        api.stubFor(post("/1.1/oauth2/introspect").willReturn(okJson("{\"active\":true,\"user_id\":\"ABC123\"}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "status");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("status: usable (the access token was renewed)"), result.getOutput());
        assertTrue(result.getOutput().contains("scope: heartrate profile"), result.getOutput());
        assertEquals(
                "NEW-REFRESH", TokenFiles.read(tokens).path("refresh_token").asText());
        api.verify(postRequestedFor(urlEqualTo("/1.1/oauth2/introspect"))
                .withHeader("Authorization", equalTo("Bearer NEW-ACCESS")));
    }

    @Test
    void aSessionTheProviderEndedIsNotUsable(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(
                post("/1.1/oauth2/introspect")
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"invalid_token\",\"message\":\"Access token invalid\"}],\"success\":false}")));
        api.stubFor(
                post("/oauth2/token")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"invalid_grant\",\"message\":\"Refresh token invalid\"}],\"success\":false}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "status");

        assertEquals(77, result.exitCode());
        assertTrue(result.getOutput().contains("status: not accepted"), result.getOutput());
        assertTrue(result.getErrorOutput().contains("fbx auth login"), result.getErrorOutput());
        assertEquals(
                "REFRESH", TokenFiles.read(tokens).path("refresh_token").asText(), "a refused refresh changes nothing");
    }

    @Test
    void anInactiveTokenIsNotUsable(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(post("/1.1/oauth2/introspect").willReturn(okJson("{\"active\":false}")));
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "status");

        assertEquals(77, result.exitCode());
        api.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
        api.verify(2, postRequestedFor(urlEqualTo("/1.1/oauth2/introspect")));
    }

    @Test
    void statusWithoutATokenFileIsAConfigurationError(QuarkusMainLauncher launcher) {
        LaunchResult result =
                launcher.launch("--token-file", dir.resolve("missing.json").toString(), "auth", "status");

        assertEquals(78, result.exitCode());
        assertTrue(result.getErrorOutput().contains("fbx auth login"), result.getErrorOutput());
    }

    @Test
    void googleStatusAsksForTheIdentity(QuarkusMainLauncher launcher) {
        Path tokens = googleTokens(false);
        api.stubFor(get("/v4/users/me/identity")
                .willReturn(okJson(
                        "{\"name\":\"users/me/identity\",\"healthUserId\":\"g-42\",\"legacyUserId\":\"ABC123\"}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "status");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("provider: google"), result.getOutput());
        assertTrue(result.getOutput().contains("user_id: g-42"), result.getOutput());
        assertTrue(
                result.getOutput().contains("scope: https://www.googleapis.com/auth/googlehealth.sleep.readonly"),
                result.getOutput());
        assertNoSecrets(result, "GACCESS", "GREFRESH", "GSECRET");
        api.verify(getRequestedFor(urlEqualTo("/v4/users/me/identity"))
                .withHeader("Authorization", equalTo("Bearer ya29.GACCESS")));
    }

    @Test
    void googleStatusRenewsARejectedTokenOnce(QuarkusMainLauncher launcher) {
        Path tokens = googleTokens(false);
        api.stubFor(
                get("/v4/users/me/identity")
                        .withHeader("Authorization", equalTo("Bearer ya29.GACCESS"))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withBody(
                                                "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}")));
        api.stubFor(get("/v4/users/me/identity")
                .withHeader("Authorization", equalTo("Bearer ya29.NEW"))
                .willReturn(okJson("{\"healthUserId\":\"g-42\"}")));
        api.stubFor(post("/google/token")
                .willReturn(okJson("{\"access_token\":\"ya29.NEW\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "status");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("status: usable (the access token was renewed)"), result.getOutput());
        api.verify(postRequestedFor(urlEqualTo("/google/token"))
                .withRequestBody(containing("client_secret=GSECRET"))
                .withRequestBody(containing("grant_type=refresh_token")));
        assertEquals(
                "1//GREFRESH",
                TokenFiles.read(tokens).path("refresh_token").asText(),
                "Google keeps the refresh token");
    }

    @Test
    void fitbitRefreshSavesTheNewPairOwnerOnly(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "refresh");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("Access token renewed"), result.getErrorOutput());
        assertNoSecrets(result, "NEW-ACCESS", "NEW-REFRESH");
        JsonNode file = TokenFiles.read(tokens);
        assertEquals("NEW-ACCESS", file.path("access_token").asText());
        assertEquals("NEW-REFRESH", file.path("refresh_token").asText());
        assertEquals("ABC123", file.path("user_id").asText());
        assertEquals("Europe/Berlin", file.path("timezone").asText());
        assertTrue(Instant.parse(file.path("expires_at").asText())
                .isAfter(Instant.now().plusSeconds(28000)));
        assertEquals("rw-------", TokenFiles.mode(tokens));
        api.verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=REFRESH"))
                .withRequestBody(containing("client_id=CLIENT")));
    }

    @Test
    void googleRefreshKeepsTheRefreshTokenAndTheOtherFields(QuarkusMainLauncher launcher) {
        Path tokens = googleTokens(false);
        api.stubFor(post("/google/token")
                .willReturn(okJson("{\"access_token\":\"ya29.NEW\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "refresh");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode file = TokenFiles.read(tokens);
        assertEquals("ya29.NEW", file.path("access_token").asText());
        assertEquals("1//GREFRESH", file.path("refresh_token").asText());
        assertEquals("kept", file.path("note").asText());
        assertEquals("google", file.path("provider").asText());
        api.verify(postRequestedFor(urlEqualTo("/google/token"))
                .withRequestBody(containing("client_id=GCLIENT"))
                .withRequestBody(containing("client_secret=GSECRET"))
                .withRequestBody(containing("refresh_token=1%2F%2FGREFRESH")));
    }

    @Test
    void aRefusedRefreshIsExit77AndChangesNothing(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = googleTokens(false);
        String before = Files.readString(tokens);
        api.stubFor(
                post("/google/token")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withBody(
                                                "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "refresh");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Testing"), result.getErrorOutput());
        assertEquals(before, Files.readString(tokens));
    }

    @Test
    void fitbitLogoutRevokesThenRemovesOnlyTheTokens(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.expired(dir, "Europe/Berlin");
        api.stubFor(post("/oauth2/revoke").willReturn(okJson("{}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "logout");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("revoked"), result.getErrorOutput());
        api.verify(postRequestedFor(urlEqualTo("/oauth2/revoke"))
                .withRequestBody(containing("token=OLD-REFRESH"))
                .withRequestBody(containing("client_id=CLIENT")));
        JsonNode file = TokenFiles.read(tokens);
        assertFalse(file.has("access_token") || file.has("refresh_token") || file.has("expires_at"), file.toString());
        assertEquals("CLIENT", file.path("client_id").asText());
        assertEquals("kept", file.path("note").asText());
        assertEquals("Europe/Berlin", file.path("timezone").asText());
        assertEquals("rw-------", TokenFiles.mode(tokens));
    }

    @Test
    void googleLogoutOfAnAlreadyRevokedSessionStillRemovesTheTokens(QuarkusMainLauncher launcher) {
        Path tokens = googleTokens(false);
        api.stubFor(post("/google/revoke")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Token expired or revoked\"}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "logout");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("already ended"), result.getErrorOutput());
        api.verify(postRequestedFor(urlEqualTo("/google/revoke")).withRequestBody(equalTo("token=1%2F%2FGREFRESH")));
        JsonNode file = TokenFiles.read(tokens);
        assertFalse(file.has("access_token") || file.has("refresh_token") || file.has("expires_at"), file.toString());
        assertEquals("GSECRET", file.path("client_secret").asText());
    }

    @Test
    void aLogoutThatCannotReachTheProviderLeavesTheFileAsItWas(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = googleTokens(false);
        String before = Files.readString(tokens);
        api.stubFor(post("/google/revoke").willReturn(aResponse().withStatus(503)));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "auth", "logout");

        assertEquals(69, result.exitCode());
        assertEquals(before, Files.readString(tokens));
    }

    @Test
    void aLoginWithoutAnAnswerTimesOutAndWritesNothing(QuarkusMainLauncher launcher) {
        Path tokens = dir.resolve("fb_conf.json");

        LaunchResult result = launcher.launch(
                "--token-file",
                tokens.toString(),
                "auth",
                "login",
                "--provider",
                "google",
                "--client-id",
                "GCLIENT",
                "--client-secret",
                "GSECRET",
                "--no-browser",
                "--timeout",
                "1");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("No sign-in arrived within 1 seconds"), result.getErrorOutput());
        assertTrue(
                result.getErrorOutput().contains("/google/authorize?client_id=GCLIENT&response_type=code&scope="),
                result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("&access_type=offline&prompt=consent"), result.getErrorOutput());
        assertFalse(result.getErrorOutput().contains("GSECRET"), result.getErrorOutput());
        assertFalse(Files.exists(tokens));
    }

    @Test
    void aLoginNeedsAClientId(QuarkusMainLauncher launcher) {
        LaunchResult fitbit = launcher.launch(
                "--token-file", dir.resolve("fb_conf.json").toString(), "auth", "login", "--no-browser");
        LaunchResult google = launcher.launch(
                "--token-file",
                dir.resolve("fb_conf.json").toString(),
                "--provider",
                "google",
                "auth",
                "login",
                "--client-id",
                "GCLIENT",
                "--no-browser");

        assertEquals(78, fitbit.exitCode());
        assertTrue(fitbit.getErrorOutput().contains("--client-id"), fitbit.getErrorOutput());
        assertEquals(78, google.exitCode());
        assertTrue(google.getErrorOutput().contains("--client-secret"), google.getErrorOutput());
    }

    @Test
    void theClientOfAnotherProvidersFileIsNotReused(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\":\"FITBIT-CLIENT\",\"client_secret\":\"FITBIT-SECRET\",\"access_token\":\"A\",\"refresh_token\":\"R\"}");

        LaunchResult result = launcher.launch(
                "--token-file", tokens.toString(), "--provider", "google", "auth", "login", "--no-browser");

        assertEquals(78, result.exitCode());
        assertTrue(result.getErrorOutput().contains("No client id"), result.getErrorOutput());
    }

    @Test
    void aBusyPortIsReportedWithTheWayOut(QuarkusMainLauncher launcher) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LaunchResult result = launcher.launch(
                    "--token-file",
                    dir.resolve("fb_conf.json").toString(),
                    "--provider",
                    "fitbit",
                    "auth",
                    "login",
                    "--client-id",
                    "CLIENT",
                    "--port",
                    String.valueOf(busy.getLocalPort()),
                    "--no-browser");

            assertEquals(78, result.exitCode());
            assertTrue(result.getErrorOutput().contains("is in use"), result.getErrorOutput());
            assertFalse(Files.exists(dir.resolve("fb_conf.json")));
        }
    }
}
