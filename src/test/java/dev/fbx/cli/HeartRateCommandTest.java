package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@WithTestResource(ApiFake.class)
class HeartRateCommandTest extends FakeApiTest {

    @Test
    void daySummaryHasTheDocumentedColumnsAndSkipsDaysWithoutData(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(get("/1/user/-/activities/heart/date/2024-07-01/2024-07-03.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-summary.json"))));

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--from", "2024-07-01", "--to", "2024-07-03");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                date,resting_heart_rate,out_of_range_minutes,fat_burn_minutes,cardio_minutes,peak_minutes
                2024-07-01,58,1302,95,12,0
                2024-07-02,,700,3,0,0""", result.getOutput());
        api.verify(getRequestedFor(urlEqualTo("/1/user/-/activities/heart/date/2024-07-01/2024-07-03.json"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer ACCESS")));
    }

    @Test
    void summaryRangesLongerThanAYearAreSplit(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(
                get(urlMatching("/1/user/-/activities/heart/date/.*")).willReturn(okJson("{\"activities-heart\":[]}")));

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--from", "2023-01-01", "--to", "2024-07-01");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/activities/heart/date/2023-01-01/2023-12-31.json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/activities/heart/date/2024-01-01/2024-07-01.json")));
        assertEquals(2, api.getAllServeEvents().size());
    }

    @Test
    void intradayTimesCarryTheOffsetInForceThatDay(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(get("/1/user/-/activities/heart/date/2024-01-15/1d/1min.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-01-15.json"))));
        api.stubFor(get("/1/user/-/activities/heart/date/2024-07-01/1d/1min.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-07-01.json"))));

        LaunchResult winter =
                launcher.launch("--token-file", tokens.toString(), "hr", "--detail", "1min", "--date", "2024-01-15");
        LaunchResult summer =
                launcher.launch("--token-file", tokens.toString(), "hr", "--detail", "1min", "--date", "2024-07-01");
        LaunchResult utc = launcher.launch(
                "--token-file", tokens.toString(), "hr", "--detail", "1min", "--date", "2024-07-01", "--utc");

        assertEquals("time,heart_rate\n2024-01-15T12:00:00+01:00,70", winter.getOutput());
        assertEquals("""
                time,heart_rate
                2024-07-01T00:00:00+02:00,64
                2024-07-01T00:01:00+02:00,63
                2024-07-01T23:59:00+02:00,71""", summer.getOutput());
        assertEquals("""
                time,heart_rate
                2024-06-30T22:00:00Z,64
                2024-06-30T22:01:00Z,63
                2024-07-01T21:59:00Z,71""", utc.getOutput());
    }

    @Test
    void anAccountAtUtcPlusZeroGetsPlusZeroOffsetsNotTheZOfUtc(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1/user/-/activities/heart/date/2024-01-15/1d/1min.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-01-15.json"))));

        LaunchResult result = launcher.launch(
                "--token-file",
                TokenFiles.valid(dir, "Europe/London").toString(),
                "hr",
                "--detail",
                "1min",
                "--date",
                "2024-01-15");

        assertEquals("time,heart_rate\n2024-01-15T12:00:00+00:00,70", result.getOutput());
    }

    @Test
    void todayIsTheAccountsTodayNotThisMachines(QuarkusMainLauncher launcher) {
        LocalDate kiritimati = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
        api.stubFor(
                get(urlMatching("/1/user/-/activities/heart/date/.*")).willReturn(okJson("{\"activities-heart\":[]}")));

        LaunchResult result = launcher.launch(
                "--token-file", TokenFiles.valid(dir, "Pacific/Kiritimati").toString(), "hr");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        api.verify(getRequestedFor(
                urlEqualTo("/1/user/-/activities/heart/date/" + kiritimati + "/" + kiritimati + ".json")));
    }

    @Test
    void aTimeZoneFbxDoesNotKnowIsNotCached(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\":\"CLIENT\",\"access_token\":\"ACCESS\",\"refresh_token\":\"REFRESH\"}");
        api.stubFor(get("/1/user/-/profile.json")
                .willReturn(okJson("{\"user\":{\"encodedId\":\"ABC\",\"timezone\":\"Mars/Olympus_Mons\"}}")));

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--detail", "1min", "--date", "2024-07-01");

        assertEquals(65, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Mars/Olympus_Mons"), result.getErrorOutput());
        assertTrue(TokenFiles.read(tokens).path("timezone").isMissingNode());
    }

    @Test
    void jsonAndNdjsonUseTheSameNames(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(get("/1/user/-/activities/heart/date/2024-07-02/1d/5min.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-07-02.json"))));

        LaunchResult ndjson = launcher.launch(
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "5min",
                "--date",
                "2024-07-02",
                "--format",
                "ndjson");
        LaunchResult json = launcher.launch(
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "5min",
                "--date",
                "2024-07-02",
                "--format",
                "json");

        assertEquals("""
                {"time":"2024-07-02T06:30:00+02:00","heart_rate":55}
                {"time":"2024-07-02T06:31:00+02:00","heart_rate":57}""", ndjson.getOutput());
        assertEquals(
                "[{\"time\":\"2024-07-02T06:30:00+02:00\",\"heart_rate\":55},{\"time\":\"2024-07-02T06:31:00+02:00\",\"heart_rate\":57}]",
                json.getOutput());
    }

    @Test
    void anAppWithoutIntradayAccessIsToldWhatToChange(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(get("/1/user/-/activities/heart/date/2024-07-01/1d/1sec.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-no-intraday.json"))));

        LaunchResult result =
                launcher.launch("--token-file", tokens.toString(), "hr", "--detail", "1sec", "--date", "2024-07-01");

        assertEquals(77, result.exitCode());
        assertTrue(result.getErrorOutput().contains("'Personal'"), result.getErrorOutput());
    }

    @Test
    void anOutputFileAppearsWholeAndOnlyOnSuccess(QuarkusMainLauncher launcher) throws Exception {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        Path out = dir.resolve("hr.csv");
        Files.writeString(out, "previous contents\n");
        api.stubFor(get("/1/user/-/activities/heart/date/2024-07-01/1d/1min.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-07-01.json"))));
        api.stubFor(get("/1/user/-/activities/heart/date/2024-07-02/1d/1min.json")
                .willReturn(aResponse().withStatus(200).withBody("{not json")));

        LaunchResult failed = launcher.launch(
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "1min",
                "--from",
                "2024-07-01",
                "--to",
                "2024-07-02",
                "-o",
                out.toString());

        assertEquals(65, failed.exitCode());
        assertEquals("previous contents\n", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertFalse(
                    files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                    "no temporary file is left behind");
        }

        api.stubFor(get("/1/user/-/activities/heart/date/2024-07-02/1d/1min.json")
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-07-02.json"))));
        LaunchResult ok = launcher.launch(
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "1min",
                "--from",
                "2024-07-01",
                "--to",
                "2024-07-02",
                "-o",
                out.toString());

        assertEquals(0, ok.exitCode(), ok.getErrorOutput());
        assertEquals("", ok.getOutput());
        assertEquals(6, Files.readAllLines(out).size());
    }
}
