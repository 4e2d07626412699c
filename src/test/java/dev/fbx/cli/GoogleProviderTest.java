package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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

/** The {@code google} provider behind hr and hrv, against a fake of the Google Health API v4 and Google's token endpoint. */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class GoogleProviderTest extends FakeApiTest {
    private static final String DATA = "/v4/users/me/dataTypes/";
    private static final String CLIENT_ID = "1234-abc.apps.googleusercontent.com";

    /** A token file of the google provider with a Desktop client's id and secret, the zone cached. */
    private Path tokens(boolean expired) {
        Instant expiresAt =
                expired ? Instant.now().minusSeconds(600) : Instant.now().plusSeconds(3000);
        return TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"" + CLIENT_ID + "\","
                        + "\"client_secret\":\"GOCSPX-secret\",\"access_token\":\"OLD-ACCESS\",\"refresh_token\":\"OLD-REFRESH\","
                        + "\"expires_at\":\"" + expiresAt + "\",\"timezone\":\"Europe/Berlin\",\"note\":\"kept\"}");
    }

    private void refreshSucceeds() {
        api.stubFor(post(urlEqualTo("/google/token")).willReturn(okJson(Fixtures.load("google/token-refresh.json"))));
    }

    private static String between(String field, String lower, String upper) {
        return field + " >= \"" + lower + "\" AND " + field + " < \"" + upper + "\"";
    }

    private static String rollUp(String start, String end, String window, String pageToken) {
        return "{\"range\":{\"startTime\":\"" + start + "\",\"endTime\":\"" + end + "\"},\"windowSize\":\"" + window
                + "\",\"pageSize\":10000" + (pageToken == null ? "" : ",\"pageToken\":\"" + pageToken + "\"") + "}";
    }

    @Test
    void hrPerMinuteOverAWeekFromAnExpiredTokenRefreshesWithoutRotationAndWritesEachWindowOnceInOrder(
            QuarkusMainLauncher launcher) {
        Path file = tokens(true);
        refreshSucceeds();
        // 2026-10-22 00:00 in Berlin is 22:00Z the day before (CEST); 2026-10-29 00:00 is 23:00Z (CET, after the change
        // on the 25th).
        String rollUpUrl = DATA + "heart-rate/dataPoints:rollUp";
        api.stubFor(post(urlEqualTo(rollUpUrl))
                .withRequestBody(equalToJson(rollUp("2026-10-21T22:00:00Z", "2026-10-28T23:00:00Z", "60s", null)))
                .willReturn(okJson(Fixtures.load("google/rollup-1min-page1.json"))));
        api.stubFor(post(urlEqualTo(rollUpUrl))
                .withRequestBody(
                        equalToJson(rollUp("2026-10-21T22:00:00Z", "2026-10-28T23:00:00Z", "60s", "rollup-page-2")))
                .willReturn(okJson(Fixtures.load("google/rollup-1min-page2.json"))));

        LaunchResult result = launcher.launch(
                "--token-file",
                file.toString(),
                "hr",
                "--detail",
                "1min",
                "--from",
                "2026-10-22",
                "--to",
                "2026-10-28");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                time,heart_rate
                2026-10-22T08:00:00+02:00,63.25
                2026-10-25T02:00:00+02:00,54
                2026-10-25T02:00:00+01:00,55
                2026-10-28T23:59:00+01:00,58.5""", result.getOutput());
        api.verify(
                1,
                postRequestedFor(urlEqualTo("/google/token"))
                        .withRequestBody(containing("grant_type=refresh_token"))
                        .withRequestBody(containing("refresh_token=OLD-REFRESH"))
                        .withRequestBody(containing("client_id=" + CLIENT_ID))
                        .withRequestBody(containing("client_secret=GOCSPX-secret")));
        api.verify(
                2, postRequestedFor(urlEqualTo(rollUpUrl)).withHeader("Authorization", equalTo("Bearer NEW-ACCESS")));

        JsonNode saved = TokenFiles.read(file);
        assertEquals("NEW-ACCESS", saved.path("access_token").asText());
        assertEquals(
                "OLD-REFRESH",
                saved.path("refresh_token").asText(),
                "Google sent no new refresh token: the old one stays");
        assertEquals("google", saved.path("provider").asText());
        assertEquals("kept", saved.path("note").asText());
        assertTrue(Instant.parse(saved.path("expires_at").asText())
                .isAfter(Instant.now().plusSeconds(3000)));
        assertEquals("rw-------", TokenFiles.mode(file));
    }

    @Test
    void hrvIntradayOverAWeekFollowsEveryPageAndLeavesCoverageEmpty(QuarkusMainLauncher launcher) {
        Path file = tokens(true);
        refreshSucceeds();
        // The week's nights run from noon before the first day to noon of the last, wherever on earth the sleeper was
        // (UTC+14 to UTC-12).
        String filter = between(
                "heart_rate_variability.sample_time.physical_time", "2026-10-20T22:00:00Z", "2026-10-29T00:00:00Z");
        String url = DATA + "heart-rate-variability/dataPoints:reconcile";
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("filter", equalTo(filter))
                .withQueryParam("pageSize", equalTo("10000"))
                .withQueryParam("pageToken", absent())
                .willReturn(okJson(Fixtures.load("google/hrv-samples-page1.json"))));
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("filter", equalTo(filter))
                .withQueryParam("pageToken", equalTo("hrv-page-2"))
                .willReturn(okJson(Fixtures.load("google/hrv-samples-page2.json"))));

        LaunchResult result = launcher.launch(
                "--token-file",
                file.toString(),
                "hrv",
                "--detail",
                "intraday",
                "--from",
                "2026-10-22",
                "--to",
                "2026-10-28");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                time,rmssd,coverage,hf,lf
                2026-10-21T23:05:00+02:00,35.5,,98.1,350
                2026-10-25T00:30:00+02:00,38,,120.4,410.2
                2026-10-28T05:00:00+01:00,41.2,,,300.5""", result.getOutput());
        api.verify(2, getRequestedFor(urlPathEqualTo(url)).withHeader("Authorization", equalTo("Bearer NEW-ACCESS")));
        assertEquals("OLD-REFRESH", TokenFiles.read(file).path("refresh_token").asText());
    }

    @Test
    void rawSamplesArePagedWithTheDocumentedFilterAndWrittenOldestFirstOnce(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        // The day's wall-clock hours in every zone on earth (UTC+14 to UTC-12): a traveller's samples are the day of
        // their own offset.
        String filter = between("heart_rate.sample_time.physical_time", "2026-06-30T10:00:00Z", "2026-07-02T12:00:00Z");
        String url = DATA + "heart-rate/dataPoints:reconcile";
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("filter", equalTo(filter))
                .withQueryParam("pageToken", absent())
                .willReturn(okJson(Fixtures.load("google/heart-rate-page1.json"))));
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("filter", equalTo(filter))
                .withQueryParam("pageToken", equalTo("page-2"))
                .willReturn(okJson(Fixtures.load("google/heart-rate-page2.json"))));
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("filter", equalTo(filter))
                .withQueryParam("pageToken", equalTo("page-3"))
                .willReturn(okJson(Fixtures.load("google/heart-rate-page3.json"))));

        LaunchResult result =
                launcher.launch("--token-file", file.toString(), "hr", "--detail", "1sec", "--date", "2026-07-01");
        LaunchResult utc = launcher.launch(
                "--token-file", file.toString(), "hr", "--detail", "1sec", "--date", "2026-07-01", "--utc");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                time,heart_rate
                2026-07-01T00:00:00+02:00,58
                2026-07-01T08:00:05+02:00,61
                2026-07-01T08:00:10+02:00,62
                2026-07-01T14:00:00+02:00,90
                2026-07-01T14:00:05+02:00,92
                2026-07-01T23:59:55+02:00,60""", result.getOutput());
        assertTrue(utc.getOutput().startsWith("time,heart_rate\n2026-06-30T22:00:00Z,58\n"), utc.getOutput());
        // Two launches, three pages each.
        api.verify(
                6,
                getRequestedFor(urlPathEqualTo(url))
                        .withQueryParam("pageSize", equalTo("10000"))
                        .withHeader("Authorization", equalTo("Bearer OLD-ACCESS")));
    }

    @Test
    void rollUpRangesAreCutAtThirteenLocalDaysSoThatNoneExceedsFourteenDaysAcrossAClockChange(
            QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        String url = DATA + "heart-rate/dataPoints:rollUp";
        api.stubFor(post(urlEqualTo(url)).willReturn(okJson("{\"rollupDataPoints\":[]}")));

        LaunchResult result = launcher.launch(
                "--token-file",
                file.toString(),
                "hr",
                "--detail",
                "5min",
                "--from",
                "2026-07-01",
                "--to",
                "2026-07-20");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("time,heart_rate", result.getOutput());
        assertEquals(2, api.getAllServeEvents().size());
        api.verify(
                1,
                postRequestedFor(urlEqualTo(url))
                        .withRequestBody(
                                equalToJson(rollUp("2026-06-30T22:00:00Z", "2026-07-13T22:00:00Z", "300s", null))));
        api.verify(
                1,
                postRequestedFor(urlEqualTo(url))
                        .withRequestBody(
                                equalToJson(rollUp("2026-07-13T22:00:00Z", "2026-07-20T22:00:00Z", "300s", null))));
    }

    @Test
    void daySummaryTakesRestingHeartRateAndTimeInZonesWithOutOfRangeEmpty(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        api.stubFor(get(urlPathEqualTo(DATA + "daily-resting-heart-rate/dataPoints"))
                .withQueryParam("filter", equalTo(between("daily_resting_heart_rate.date", "2026-07-01", "2026-07-04")))
                .willReturn(okJson(Fixtures.load("google/resting-heart-rate.json"))));
        api.stubFor(post(urlEqualTo(DATA + "time-in-heart-rate-zone/dataPoints:dailyRollUp"))
                .withRequestBody(
                        equalToJson(
                                "{\"range\":{\"start\":{\"date\":{\"year\":2026,\"month\":7,\"day\":1}},"
                                        + "\"end\":{\"date\":{\"year\":2026,\"month\":7,\"day\":4}}},\"windowSizeDays\":1,\"pageSize\":10000}"))
                .willReturn(okJson(Fixtures.load("google/zones-daily-rollup.json"))));

        LaunchResult result =
                launcher.launch("--token-file", file.toString(), "hr", "--from", "2026-07-01", "--to", "2026-07-03");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                date,resting_heart_rate,out_of_range_minutes,fat_burn_minutes,cardio_minutes,peak_minutes
                2026-07-01,58,,95,12,2
                2026-07-02,,,3,0,0
                2026-07-03,57,,,,""", result.getOutput());
    }

    @Test
    void nightlyHrvFiltersOnTheDailyTypesDate(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        api.stubFor(get(urlPathEqualTo(DATA + "daily-heart-rate-variability/dataPoints"))
                .withQueryParam(
                        "filter", equalTo(between("daily_heart_rate_variability.date", "2026-07-01", "2026-07-03")))
                .willReturn(okJson(Fixtures.load("google/daily-hrv.json"))));

        LaunchResult result = launcher.launch(
                "--token-file",
                file.toString(),
                "hrv",
                "--from",
                "2026-07-01",
                "--to",
                "2026-07-02",
                "--format",
                "ndjson");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                {"date":"2026-07-01","daily_rmssd":62.887,"deep_rmssd":64.887,"nrem_heart_rate":52,"entropy":null}
                {"date":"2026-07-02","daily_rmssd":48.2,"deep_rmssd":null,"nrem_heart_rate":54,"entropy":2.1}""", result.getOutput());
    }

    @Test
    void profileReadsTheTimeZoneFromTheSettingsAndCachesIt(QuarkusMainLauncher launcher) {
        Path file = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"" + CLIENT_ID + "\","
                        + "\"client_secret\":\"GOCSPX-secret\",\"access_token\":\"ACCESS\",\"refresh_token\":\"REFRESH\","
                        + "\"expires_at\":\"" + Instant.now().plusSeconds(3000) + "\"}");
        api.stubFor(
                get(urlEqualTo("/v4/users/me/settings"))
                        .willReturn(
                                okJson(
                                        "{\"name\":\"users/me/settings\",\"timeZone\":\"America/New_York\",\"utcOffset\":\"-18000s\",\"languageLocale\":\"en_US\"}")));
        api.stubFor(
                get(urlEqualTo("/v4/users/me/identity"))
                        .willReturn(
                                okJson(
                                        "{\"name\":\"users/me/identity\",\"healthUserId\":\"h1234567890\",\"legacyUserId\":\"ABC123\"}")));
        api.stubFor(
                get(urlPathEqualTo("/v4/users/me/pairedDevices"))
                        .willReturn(
                                okJson(
                                        "{\"pairedDevices\":[{\"name\":\"users/me/pairedDevices/1\","
                                                + "\"deviceVersion\":\"Pixel Watch 3\",\"deviceType\":\"TRACKER\",\"lastSyncTime\":\"2026-11-24T07:12:00Z\"}]}")));

        LaunchResult result = launcher.launch("--token-file", file.toString(), "profile");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("user_id: h1234567890"), result.getOutput());
        assertTrue(result.getOutput().contains("timezone: America/New_York"), result.getOutput());
        assertTrue(result.getOutput().contains("Pixel Watch 3 (last sync 2026-11-24T07:12:00Z)"), result.getOutput());
        assertEquals("America/New_York", TokenFiles.read(file).path("timezone").asText());
    }

    @Test
    void aRejectedAccessTokenIsRefreshedOnceAndTheRequestSentAgain(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        refreshSucceeds();
        String url = DATA + "daily-heart-rate-variability/dataPoints";
        api.stubFor(
                get(urlPathEqualTo(url))
                        .withHeader("Authorization", equalTo("Bearer OLD-ACCESS"))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\","
                                                        + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"ACCESS_TOKEN_EXPIRED\"}]}}")));
        api.stubFor(get(urlPathEqualTo(url))
                .withHeader("Authorization", equalTo("Bearer NEW-ACCESS"))
                .willReturn(okJson(Fixtures.load("google/daily-hrv.json"))));

        LaunchResult result =
                launcher.launch("--token-file", file.toString(), "hrv", "--from", "2026-07-01", "--to", "2026-07-02");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(3, result.getOutput().lines().count());
        api.verify(1, postRequestedFor(urlEqualTo("/google/token")));
        assertEquals("OLD-REFRESH", TokenFiles.read(file).path("refresh_token").asText());
    }

    @Test
    void anExpiredRefreshTokenExplainsTheSevenDayTestingLimit(QuarkusMainLauncher launcher) throws Exception {
        Path file = tokens(true);
        String before = Files.readString(file);
        api.stubFor(
                post(urlEqualTo("/google/token"))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));

        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--date", "2026-07-01");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("7 days"), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("Publish app"), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("fbx auth login"), result.getErrorOutput());
        assertEquals(before, Files.readString(file), "a failed refresh leaves the token file as it was");
    }

    @Test
    void aMissingScopeSaysToSignInAgain(QuarkusMainLauncher launcher) {
        LaunchResult result = refused(
                launcher,
                403,
                "PERMISSION_DENIED",
                "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                "Request had insufficient authentication scopes.");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("scope"), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("fbx auth login"), result.getErrorOutput());
    }

    @Test
    void aDisabledApiSaysToEnableIt(QuarkusMainLauncher launcher) {
        LaunchResult result = refused(
                launcher,
                403,
                "PERMISSION_DENIED",
                "SERVICE_DISABLED",
                "Google Health API has not been used in project 123 before or it is disabled.");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("enable it"), result.getErrorOutput());
    }

    @Test
    void anAccountNotMigratedSaysToMigrateIt(QuarkusMainLauncher launcher) {
        LaunchResult result = refused(
                launcher, 400, "FAILED_PRECONDITION", "ACCOUNT_NOT_LINKED", "The user has no linked Fitbit account.");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("migrate your Fitbit account"), result.getErrorOutput());
    }

    private LaunchResult refused(
            QuarkusMainLauncher launcher, int status, String statusName, String reason, String message) {
        Path file = tokens(false);
        api.stubFor(get(urlPathEqualTo(DATA + "daily-heart-rate-variability/dataPoints"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\""
                                + statusName + "\","
                                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\""
                                + reason + "\","
                                + "\"domain\":\"googleapis.com\"}]}}")));
        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--date", "2026-07-01");
        assertEquals(1, result.getErrorOutput().lines().count(), result.getErrorOutput());
        return result;
    }

    @Test
    void aRateLimitIsWaitedOutHonouringRetryAfter(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        String url = DATA + "daily-heart-rate-variability/dataPoints";
        api.stubFor(get(urlPathEqualTo(url))
                .inScenario("quota")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "1")
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"error\":{\"code\":429,\"message\":\"Quota exceeded.\",\"status\":\"RESOURCE_EXHAUSTED\"}}"))
                .willSetStateTo("reset"));
        api.stubFor(get(urlPathEqualTo(url))
                .inScenario("quota")
                .whenScenarioStateIs("reset")
                .willReturn(okJson(Fixtures.load("google/daily-hrv.json"))));

        LaunchResult result =
                launcher.launch("--token-file", file.toString(), "hrv", "--from", "2026-07-01", "--to", "2026-07-02");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(3, result.getOutput().lines().count());
        api.verify(2, getRequestedFor(urlPathEqualTo(url)));
    }

    @Test
    void aRateLimitThatDoesNotLiftExitsSeventyFive(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        String url = DATA + "daily-heart-rate-variability/dataPoints";
        api.stubFor(
                get(urlPathEqualTo(url))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":429,\"message\":\"Quota exceeded.\",\"status\":\"RESOURCE_EXHAUSTED\"}}")));

        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--date", "2026-07-01");

        assertEquals(75, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Google Health rate limit reached"), result.getErrorOutput());
        api.verify(7, getRequestedFor(urlPathEqualTo(url)));
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        String url = DATA + "daily-heart-rate-variability/dataPoints";
        api.stubFor(
                get(urlPathEqualTo(url))
                        .willReturn(
                                aResponse()
                                        .withStatus(503)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}")));

        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--date", "2026-07-01");

        assertEquals(69, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Google Health kept failing"), result.getErrorOutput());
        api.verify(4, getRequestedFor(urlPathEqualTo(url)));
    }

    /** Issue 6 on google: the four sleep-time commands over 60 days, one list request each (sleep: two pages). */
    @Test
    void theSleepTimeCommandsWriteTheDocumentedColumnsOverSixtyDays(QuarkusMainLauncher launcher) {
        Path file = tokens(false);
        for (String[] type : new String[][] {
            {"daily-oxygen-saturation", "spo2"},
            {"daily-respiratory-rate", "respiratory-rate"},
            {"daily-sleep-temperature-derivations", "sleep-temperature"}
        }) {
            api.stubFor(get(urlPathEqualTo(DATA + type[0] + "/dataPoints"))
                    .willReturn(okJson(Fixtures.load("google/" + type[1] + ".json"))));
        }
        api.stubFor(get(urlPathEqualTo(DATA + "sleep/dataPoints"))
                .withQueryParam("pageSize", equalTo("25"))
                .withQueryParam("pageToken", absent())
                .willReturn(okJson(Fixtures.load("google/sleep-page1.json"))));
        api.stubFor(get(urlPathEqualTo(DATA + "sleep/dataPoints"))
                .withQueryParam("pageToken", equalTo("sleep-page-2"))
                .willReturn(okJson(Fixtures.load("google/sleep-page2.json"))));
        String[] range = {"--from", "2026-06-03", "--to", "2026-08-01"};

        LaunchResult spo2 = launcher.launch(concat(new String[] {"--token-file", file.toString(), "spo2"}, range));
        LaunchResult br = launcher.launch(concat(new String[] {"--token-file", file.toString(), "br"}, range));
        LaunchResult temp = launcher.launch(concat(new String[] {"--token-file", file.toString(), "temp"}, range));
        LaunchResult sleep = launcher.launch(concat(new String[] {"--token-file", file.toString(), "sleep"}, range));

        assertEquals(
                "date,avg,min,max\n2026-07-01,96.1,94.5,99\n2026-07-02,95.7,94,98.6",
                spo2.getOutput(),
                spo2.getErrorOutput());
        assertEquals("date,breathing_rate\n2026-07-01,14.8\n2026-07-02,15.5", br.getOutput(), br.getErrorOutput());
        assertEquals("date,nightly_relative\n2026-07-01,-0.3\n2026-07-02,0.2", temp.getOutput(), temp.getErrorOutput());
        assertEquals("""
                date,start,end,main_sleep,minutes_asleep,minutes_awake,deep_minutes,light_minutes,rem_minutes,wake_minutes
                2026-07-01,2026-07-01T00:05:00+02:00,2026-07-01T07:35:00+02:00,true,400,50,90,220,0,50
                2026-07-02,2026-07-01T23:30:00+02:00,2026-07-02T07:10:00+02:00,true,412,48,82,230,100,48
                2026-07-02,2026-07-02T14:00:00+02:00,2026-07-02T14:40:00+02:00,false,38,2,,,,""", sleep.getOutput(), sleep.getErrorOutput());
        api.verify(
                1,
                getRequestedFor(urlPathEqualTo(DATA + "daily-oxygen-saturation/dataPoints"))
                        .withQueryParam(
                                "filter",
                                equalTo(
                                        "daily_oxygen_saturation.date >= \"2026-06-03\" AND daily_oxygen_saturation.date < \"2026-08-02\"")));
        api.verify(2, getRequestedFor(urlPathEqualTo(DATA + "sleep/dataPoints")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
