package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** {@code fbx doctor} against a fake of the Google Health API and Google's token endpoint. */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class DoctorCommandTest extends FakeApiTest {
    private static final String SCOPE = "https://www.googleapis.com/auth/googlehealth.";
    private static final String ALL_SCOPES = SCOPE + "health_metrics_and_measurements.readonly " + SCOPE
            + "sleep.readonly " + SCOPE + "settings.readonly " + SCOPE + "profile.readonly";

    /** A google token file with a valid access token, as 'fbx auth login' leaves it; {@code extra} adds fields. */
    private Path tokens(String scope, String extra) {
        return TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"1234-abc.apps.googleusercontent.com\","
                        + "\"client_secret\":\"GOCSPX-secret\",\"access_token\":\"ya29.ACCESS-SECRET\",\"refresh_token\":\"1//REFRESH-SECRET\","
                        + "\"expires_at\":\"" + Instant.now().plusSeconds(3000) + "\",\"scope\":\"" + scope
                        + "\",\"timezone\":\"UTC\"" + extra + "}");
    }

    /** The identity call, answered with a Date header {@code skew} off the real time. */
    private void identity(Duration skew) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plus(skew).atZone(ZoneOffset.UTC));
        api.stubFor(get(urlPathEqualTo("/v4/users/me/identity"))
                .willReturn(okJson("{\"healthUserId\":\"HU-1\",\"legacyUserId\":\"ABC123\"}")
                        .withHeader("Date", date)));
    }

    /** Google's token endpoint: a refresh answer, which for an app in "Testing" announces the refresh token's end. */
    private void tokenEndpoint(boolean testingApp) {
        tokenEndpoint(testingApp, ALL_SCOPES);
    }

    private void tokenEndpoint(boolean testingApp, String scope) {
        api.stubFor(post(urlEqualTo("/google/token"))
                .willReturn(okJson("{\"access_token\":\"ya29.NEW-ACCESS-SECRET\",\"expires_in\":3599," + "\"scope\":\""
                        + scope + "\",\"token_type\":\"Bearer\""
                        + (testingApp ? ",\"refresh_token_expires_in\":604799" : "") + "}")));
    }

    /** What a first 'fbx sync --since' leaves: its progress file. */
    private static void progress(Path sync) throws java.io.IOException {
        Files.writeString(
                sync.resolve(".fbx-sync.json"),
                "{\"version\":1,\"since\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(30) + "\",\"complete\":{}}");
    }

    private static void printsNoToken(LaunchResult result) {
        String all = result.getOutput() + result.getErrorOutput();
        assertFalse(all.contains("SECRET") || all.contains("ya29") || all.contains("1//"), all);
    }

    @Test
    void aPublishedAppWithEverythingGrantedIsAllGreen(QuarkusMainLauncher launcher) throws Exception {
        Path file = tokens(ALL_SCOPES, "");
        identity(Duration.ZERO);
        tokenEndpoint(false);
        Path sync = dir.resolve("data");
        Files.createDirectories(sync.resolve("hrv-day"));
        progress(sync);
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Files.writeString(
                sync.resolve("hrv-day").resolve(yesterday.minusDays(1) + ".csv"),
                "date,daily_rmssd,deep_rmssd\n" + yesterday.minusDays(1) + ",40.1,\n");
        Files.writeString(sync.resolve("hrv-day").resolve(yesterday + ".csv"), "date,daily_rmssd,deep_rmssd\n");

        LaunchResult result = launcher.launch("--token-file", file.toString(), "doctor", "--out", sync.toString());

        assertEquals(0, result.exitCode(), result.getOutput() + result.getErrorOutput());
        assertEquals(
                """
                ✓ token file: %s (readable by you only)
                ✓ provider: google (Google Health)
                ✓ API and token: Google Health answered and accepts the token (user HU-1)
                ✓ refresh token: the provider announced no end
                ✓ scopes: granted for hr, hrv, spo2, br, temp, sleep, profile
                ✓ clock: within a minute of Google Health's
                ✓ hrv-day: newest data %s""".formatted(file, yesterday.minusDays(1)), result.getOutput().strip());
        assertEquals("", result.getErrorOutput());
        assertEquals(
                1,
                api.findAll(postRequestedFor(urlEqualTo("/google/token"))).size(),
                "one refresh to learn whether the refresh token has an end");
        assertFalse(TokenFiles.read(file).has("refresh_token_expires_at"));
        printsNoToken(result);
    }

    @Test
    void anAppInTestingShowsTheDaysLeftAndHowToPublishIt(QuarkusMainLauncher launcher) {
        Path file = tokens(ALL_SCOPES, "");
        identity(Duration.ZERO);
        tokenEndpoint(true);

        LaunchResult result = launcher.launch("--token-file", file.toString(), "doctor");

        assertEquals(77, result.exitCode(), result.getOutput() + result.getErrorOutput());
        String out = result.getOutput();
        assertTrue(
                out.contains("! refresh token: the OAuth app is in 'Testing': its refresh token dies in 6 days 23 h"),
                out);
        assertTrue(out.contains("Google Auth Platform > Audience > Publish app"), out);
        assertTrue(out.contains("✓ API and token"), out);
        Instant end = Instant.parse(
                TokenFiles.read(file).path("refresh_token_expires_at").asText());
        Instant expected = Instant.now().plusSeconds(604799);
        assertTrue(
                Duration.between(end, expected).abs().toSeconds() < 120, "the end is kept in the token file: " + end);
        assertEquals(1, result.getErrorOutput().lines().count(), result.getErrorOutput());
        printsNoToken(result);
    }

    @Test
    void aRefreshTokenNearItsEndIsWarnedAboutByEveryCommand(QuarkusMainLauncher launcher) {
        Path file = tokens(
                ALL_SCOPES, ",\"refresh_token_expires_at\":\"" + Instant.now().plus(Duration.ofHours(30)) + "\"");
        api.stubFor(get(urlPathEqualTo("/v4/users/me/dataTypes/daily-heart-rate-variability/dataPoints"))
                .willReturn(okJson("{}")));

        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--date", "2026-07-01");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(
                result.getErrorOutput().contains("fbx: warning: the refresh token expires in 1 day 5 h"),
                result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("Publish app"), result.getErrorOutput());
        assertEquals(
                "date,daily_rmssd,deep_rmssd,nrem_heart_rate,entropy",
                result.getOutput().strip());
    }

    @Test
    void aClockTenMinutesOffIsAProblemWithItsFix(QuarkusMainLauncher launcher) {
        Path file = tokens(ALL_SCOPES, "");
        tokenEndpoint(false);
        identity(Duration.ofMinutes(-10));

        LaunchResult result = launcher.launch("--token-file", file.toString(), "doctor");

        assertEquals(78, result.exitCode(), result.getOutput() + result.getErrorOutput());
        assertTrue(
                result.getOutput()
                        .contains("✗ clock: this machine's clock is 10 min ahead of Google Health's (its Date header)"),
                result.getOutput());
        assertTrue(result.getOutput().contains("timedatectl set-ntp true"), result.getOutput());
    }

    @Test
    void aScopeNotGrantedNamesTheCommandsThatNeedIt(QuarkusMainLauncher launcher) {
        String granted = SCOPE + "health_metrics_and_measurements.readonly " + SCOPE + "settings.readonly";
        Path file = tokens(granted, "");
        tokenEndpoint(false, granted);
        identity(Duration.ZERO);

        LaunchResult result = launcher.launch("--token-file", file.toString(), "doctor");

        assertEquals(77, result.exitCode(), result.getOutput() + result.getErrorOutput());
        assertTrue(
                result.getOutput()
                        .contains("✗ scopes: not granted: googlehealth.sleep.readonly (sleep): run 'fbx auth login'"),
                result.getOutput());
    }

    @Test
    void noTokenFileAndAFileOthersCanReadAreConfigurationProblems(QuarkusMainLauncher launcher) throws Exception {
        Path missing = dir.resolve("nothing.json");
        LaunchResult none = launcher.launch("--token-file", missing.toString(), "--provider", "google", "doctor");

        assertEquals(78, none.exitCode(), none.getOutput());
        assertTrue(
                none.getOutput().contains("✗ token file: no " + missing + ": sign in with 'fbx auth login'"),
                none.getOutput());

        Path file = tokens(
                ALL_SCOPES, ",\"refresh_token_expires_at\":\"" + Instant.now().plus(Duration.ofDays(300)) + "\"");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        identity(Duration.ZERO);
        LaunchResult open = launcher.launch("--token-file", file.toString(), "doctor");

        assertEquals(78, open.exitCode(), open.getOutput());
        assertTrue(
                open.getOutput()
                        .contains("✗ token file: " + file + " can be read by others (mode rw-r--r--): run 'chmod 600 "),
                open.getOutput());
    }

    @Test
    void dataThatStoppedIsShownWithoutFailing(QuarkusMainLauncher launcher) throws Exception {
        Path file = tokens(ALL_SCOPES, "");
        tokenEndpoint(false);
        identity(Duration.ZERO);
        Path sync = dir.resolve("data");
        Files.createDirectories(sync.resolve("hr-day"));
        progress(sync);
        LocalDate stopped = LocalDate.now(ZoneOffset.UTC).minusDays(19);
        Files.writeString(
                sync.resolve("hr-day").resolve(stopped + ".csv"), "date,resting_heart_rate\n" + stopped + ",58\n");
        for (int i = 1; i < 19; i++) {
            Files.writeString(
                    sync.resolve("hr-day").resolve(stopped.plusDays(i) + ".csv"), "date,resting_heart_rate\n");
        }

        LaunchResult result = launcher.launch("--token-file", file.toString(), "doctor", "--out", sync.toString());

        assertTrue(
                result.getOutput()
                        .contains("! hr-day: newest data " + stopped + ", 19 days before today: if you wore the device"
                                + " since, it has stopped syncing"),
                result.getOutput());
        assertEquals(0, result.exitCode(), "data that stops is the user's to judge: " + result.getOutput());
    }

    @Test
    void aDatabaseUrlCarryingAPasswordIsAProblemAndThePasswordIsNotPrinted(QuarkusMainLauncher launcher) {
        Path file = tokens(ALL_SCOPES, "");
        tokenEndpoint(false);
        identity(Duration.ZERO);

        LaunchResult result = launcher.launch(
                "--token-file", file.toString(), "doctor", "--db", "postgresql://fbx:hunter2@127.0.0.1:5432/fbx");

        assertEquals(64, result.exitCode(), result.getOutput() + result.getErrorOutput());
        assertTrue(result.getOutput().contains("✗ sync target: The --db URL carries a password"), result.getOutput());
        assertFalse((result.getOutput() + result.getErrorOutput()).contains("hunter2"));
    }
}
