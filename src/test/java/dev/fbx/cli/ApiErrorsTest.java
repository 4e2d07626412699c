package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every failure ends with SPEC.md's exit code and one line on stderr that says what to do. */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class ApiErrorsTest extends FakeApiTest {
    private static final String HRV = "/1/user/-/hrv/date/2024-07-01/2024-07-02.json";

    private LaunchResult hrv(QuarkusMainLauncher launcher) {
        return launcher.launch(
                "--token-file",
                TokenFiles.valid(dir, "Europe/Berlin").toString(),
                "hrv",
                "--from",
                "2024-07-01",
                "--to",
                "2024-07-02");
    }

    private static void assertOneLine(LaunchResult result, String expectedPart) {
        String err = result.getErrorOutput().strip();
        assertEquals(1, err.lines().count(), "one line on stderr: " + err);
        assertTrue(err.startsWith("fbx: ") && err.contains(expectedPart), err);
    }

    @Test
    void a5xxThatPersistsExits69AfterBoundedRetries(QuarkusMainLauncher launcher) {
        api.stubFor(get(HRV).willReturn(aResponse().withStatus(503).withBody("unavailable")));

        LaunchResult result = hrv(launcher);

        assertEquals(69, result.exitCode());
        assertOneLine(result, "HTTP 503");
        api.verify(4, getRequestedFor(urlEqualTo(HRV)));
    }

    @Test
    void aPassing5xxIsRetriedAway(QuarkusMainLauncher launcher) {
        api.stubFor(get(HRV).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("ok"));
        api.stubFor(
                get(HRV).inScenario("flaky")
                        .whenScenarioStateIs("ok")
                        .willReturn(
                                okJson(
                                        "{\"hrv\":[{\"value\":{\"dailyRmssd\":62.887,\"deepRmssd\":64.887},\"dateTime\":\"2024-07-02\"}]}")));

        LaunchResult result = hrv(launcher);

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(
                "date,daily_rmssd,deep_rmssd,nrem_heart_rate,entropy\n2024-07-02,62.887,64.887,,", result.getOutput());
    }

    @Test
    void aRateLimitExits75AndSaysWhenTheQuotaResets(QuarkusMainLauncher launcher) {
        api.stubFor(
                get(HRV).willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("fitbit-rate-limit-limit", "150")
                                        .withHeader("fitbit-rate-limit-remaining", "0")
                                        .withHeader("fitbit-rate-limit-reset", "1234")
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"system\",\"fieldName\":\"n/a\",\"message\":\"Too Many Requests\"}]}")));

        LaunchResult result = hrv(launcher);

        assertEquals(75, result.exitCode());
        assertOneLine(result, "resets in 123");
        api.verify(1, getRequestedFor(urlEqualTo(HRV)));
    }

    @Test
    void malformedJsonExits65(QuarkusMainLauncher launcher) {
        api.stubFor(get(HRV).willReturn(okJson("{\"hrv\":[{\"value\":")));

        LaunchResult result = hrv(launcher);

        assertEquals(65, result.exitCode());
        assertOneLine(result, "HRV 2024-07-01..2024-07-02");
    }

    @Test
    void aListThatIsNotAListExits65(QuarkusMainLauncher launcher) {
        api.stubFor(get(HRV).willReturn(okJson("{\"hrv\":{\"oops\":1}}")));

        assertEquals(65, hrv(launcher).exitCode());
    }

    @Test
    void aMissingScopeInGooglesErrorShapeExits77(QuarkusMainLauncher launcher) {
        api.stubFor(
                get(HRV).willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":403,\"message\":\"Request had insufficient authentication scopes.\",\"status\":\"PERMISSION_DENIED\"}}")));

        LaunchResult result = hrv(launcher);

        assertEquals(77, result.exitCode());
        assertOneLine(result, "fbx auth login");
    }

    @Test
    void anUnreachableApiExits69(QuarkusMainLauncher launcher) {
        api.stubFor(get(HRV).willReturn(
                        aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        LaunchResult result = hrv(launcher);

        assertEquals(69, result.exitCode());
        assertOneLine(result, "Cannot reach Fitbit");
    }

    @Test
    void aMissingTokenFileExits78(QuarkusMainLauncher launcher) {
        LaunchResult result =
                launcher.launch("--token-file", dir.resolve("absent.json").toString(), "hrv");

        assertEquals(78, result.exitCode());
        assertOneLine(result, "fbx auth login");
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void aCorruptTokenFileExits78AndIsLeftByteForByte(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = dir.resolve("fb_conf.json");
        byte[] corrupt = "{\"client_id\": \"CLIENT\", \"access_token\": \"A\", \"refresh_tok".getBytes();
        Files.write(tokens, corrupt);

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "hrv");

        assertEquals(78, result.exitCode());
        assertOneLine(result, "not valid JSON");
        assertTrue(java.util.Arrays.equals(corrupt, Files.readAllBytes(tokens)));
    }

    @Test
    void verboseDetailsOfACorruptTokenFileNeverShowItsToken(QuarkusMainLauncher launcher) throws Exception {
        // A hand-edited file with the quotes lost around the token: the JSON parser's message quotes what it read.
        Path tokens = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\": \"CLIENT\", \"access_token\": eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyM0FCQyJ9.c2ln, \"refresh_token\": \"R\"}");

        LaunchResult result = launcher.launch("-v", "--token-file", tokens.toString(), "hrv");

        assertEquals(78, result.exitCode());
        assertTrue(result.getErrorOutput().contains("not valid JSON"), result.getErrorOutput());
        assertTrue(
                result.getErrorOutput().contains("[redacted]"),
                "the details are shown, redacted: " + result.getErrorOutput());
        assertTrue(
                !result.getErrorOutput().contains("eyJhbGci")
                        && !result.getOutput().contains("eyJhbGci"),
                result.getErrorOutput() + result.getOutput());
    }

    @Test
    void aFromAfterTodayWithoutToSaysSoRatherThanToSwapAnOptionNotGiven(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("hrv", "--from", "2999-01-01");

        assertEquals(64, result.exitCode());
        assertOneLine(result, "--from 2999-01-01 is after today");
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void malformedDatesAndReversedRangesAreUsageErrors(QuarkusMainLauncher launcher) {
        assertEquals(64, launcher.launch("hrv", "--date", "2024-02-30").exitCode());
        assertEquals(
                64,
                launcher.launch("hrv", "--from", "2024-07-02", "--to", "2024-07-01")
                        .exitCode());
        assertEquals(64, launcher.launch("hrv", "--days", "0").exitCode());
        assertEquals(
                64, launcher.launch("hrv", "--date", "today", "--days", "3").exitCode());
        assertEquals(64, launcher.launch("hrv", "--detail", "hourly").exitCode());
        assertEquals(64, launcher.launch("hr", "--format", "xml").exitCode());
        assertEquals(0, api.getAllServeEvents().size());
    }
}
