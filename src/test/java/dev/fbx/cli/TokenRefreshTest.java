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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tokens renew themselves: before the call when expired, once after a 401, and persist before use. */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class TokenRefreshTest extends FakeApiTest {
    private static final String HR_0701 = "/1/user/-/activities/heart/date/2024-07-01/1d/1min.json";
    private static final String HR_0702 = "/1/user/-/activities/heart/date/2024-07-02/1d/1min.json";
    private static final String EXPIRED =
            "{\"errors\":[{\"errorType\":\"expired_token\",\"message\":\"Access token expired: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJBQkMifQ.c2ln\"}],\"success\":false}";

    private void stubIntradayFor(String bearer) {
        api.stubFor(get("/1/user/-/profile.json")
                .withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson(Fixtures.load("fitbit/profile.json"))));
        api.stubFor(get(HR_0701)
                .withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-07-01.json"))));
        api.stubFor(get(HR_0702)
                .withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-07-02.json"))));
    }

    /** The "done when": the seed's file, an expired token, one command. */
    @Test
    void theSeedsFileWithAnExpiredTokenIsRefreshedOnTheFirst401AndTheNewPairSaved(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.seed(dir, "OLD-ACCESS", "OLD-REFRESH");
        api.stubFor(get(urlEqualTo("/1/user/-/profile.json"))
                .withHeader("Authorization", equalTo("Bearer OLD-ACCESS"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(EXPIRED)));
        api.stubFor(post("/oauth2/token")
                .withRequestBody(containing("refresh_token=OLD-REFRESH"))
                .willReturn(okJson(Fixtures.load("fitbit/token.json"))));
        stubIntradayFor("Bearer NEW-ACCESS");

        LaunchResult result = launcher.launch(
                "--token-file",
                tokens.toString(),
                "hr",
                "--from",
                "2024-07-01",
                "--to",
                "2024-07-02",
                "--detail",
                "1min");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                time,heart_rate
                2024-07-01T00:00:00+02:00,64
                2024-07-01T00:01:00+02:00,63
                2024-07-01T23:59:00+02:00,71
                2024-07-02T06:30:00+02:00,55
                2024-07-02T06:31:00+02:00,57""", result.getOutput());
        JsonNode saved = TokenFiles.read(tokens);
        assertEquals("NEW-ACCESS", saved.path("access_token").asText());
        assertEquals("NEW-REFRESH", saved.path("refresh_token").asText());
        assertEquals("CLIENT", saved.path("client_id").asText());
        assertEquals("Europe/Berlin", saved.path("timezone").asText(), "the profile's zone is cached");
        assertTrue(Instant.parse(saved.path("expires_at").asText())
                .isAfter(Instant.now().plusSeconds(28000)));
        assertEquals("rw-------", TokenFiles.mode(tokens));
        api.verify(
                1,
                postRequestedFor(urlEqualTo("/oauth2/token"))
                        .withRequestBody(containing("grant_type=refresh_token"))
                        .withRequestBody(containing("client_id=CLIENT")));
        assertFalse(result.getErrorOutput().contains("eyJ"), "the echoed token never reaches the terminal");
    }

    @Test
    void anExpiredTokenIsRefreshedBeforeTheCallAndUnknownFieldsAreKept(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.expired(dir, "Europe/Berlin");
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));
        stubIntradayFor("Bearer NEW-ACCESS");

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--date", "2024-07-01", "--detail", "1min");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        api.verify(0, getRequestedFor(urlEqualTo(HR_0701)).withHeader("Authorization", equalTo("Bearer OLD-ACCESS")));
        JsonNode saved = TokenFiles.read(tokens);
        assertEquals("NEW-REFRESH", saved.path("refresh_token").asText());
        assertEquals("kept", saved.path("note").asText());
    }

    @Test
    void aConfiguredSecretIsSentAsBasicAuthentication(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\":\"CLIENT\",\"client_secret\":\"SECRET\",\"access_token\":\"OLD\","
                        + "\"refresh_token\":\"OLD-REFRESH\",\"expires_at\":\"2020-01-01T00:00:00Z\",\"timezone\":\"Europe/Berlin\"}");
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));
        stubIntradayFor("Bearer NEW-ACCESS");

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--date", "2024-07-01", "--detail", "1min");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        api.verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withHeader("Authorization", equalTo("Basic Q0xJRU5UOlNFQ1JFVA==")));
        assertFalse(
                api.getAllServeEvents().get(0).getRequest().getBodyAsString().contains("client_id"));
    }

    @Test
    void aRejectedRefreshTokenExits77AndLeavesTheFileAsItWas(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = TokenFiles.expired(dir, "Europe/Berlin");
        byte[] before = Files.readAllBytes(tokens);
        api.stubFor(
                post("/oauth2/token")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"invalid_grant\",\"message\":\"Refresh token invalid: OLD-REFRESH\"}],\"success\":false}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "hr", "--date", "2024-07-01");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("fbx auth login"), result.getErrorOutput());
        assertEquals(1, result.getErrorOutput().strip().lines().count(), "one line: " + result.getErrorOutput());
        assertEquals(new String(before), Files.readString(tokens));
    }

    @Test
    void aLostRefreshAnswerIsRetriedWithTheSameRefreshToken(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.expired(dir, "Europe/Berlin");
        api.stubFor(post("/oauth2/token")
                .inScenario("lost")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("answered"));
        api.stubFor(post("/oauth2/token")
                .inScenario("lost")
                .whenScenarioStateIs("answered")
                .willReturn(okJson(Fixtures.load("fitbit/token.json"))));
        stubIntradayFor("Bearer NEW-ACCESS");

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--date", "2024-07-01", "--detail", "1min");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        api.verify(
                2,
                postRequestedFor(urlEqualTo("/oauth2/token")).withRequestBody(containing("refresh_token=OLD-REFRESH")));
        assertEquals(
                "NEW-REFRESH", TokenFiles.read(tokens).path("refresh_token").asText());
    }

    @Test
    void aTokenRejectedEvenAfterRefreshExits77(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(
                get(urlEqualTo(HR_0701))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"invalid_token\",\"message\":\"Access token invalid\"}],\"success\":false}")));
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--date", "2024-07-01", "--detail", "1min");

        assertEquals(77, result.exitCode());
        api.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
        api.verify(2, getRequestedFor(urlEqualTo(HR_0701)));
    }
}
