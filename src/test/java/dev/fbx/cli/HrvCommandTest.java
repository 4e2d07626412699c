package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.Fixtures;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@WithTestResource(ApiFake.class)
class HrvCommandTest extends FakeApiTest {

    @Test
    void seventyFiveDaysTakeThreeRequestsOfAtMostThirtyDaysAndComeOutOnceInOrder(QuarkusMainLauncher launcher) {
        api.stubFor(
                get("/1/user/-/hrv/date/2024-01-01/2024-01-30.json")
                        .willReturn(
                                okJson(
                                        "{\"hrv\":[{\"value\":{\"dailyRmssd\":40.1,\"deepRmssd\":44.2},\"dateTime\":\"2024-01-30\"},"
                                                + "{\"value\":{\"dailyRmssd\":38.5,\"deepRmssd\":41.0},\"dateTime\":\"2024-01-02\"}]}")));
        api.stubFor(get("/1/user/-/hrv/date/2024-01-31/2024-02-29.json").willReturn(okJson("{\"hrv\":[]}")));
        api.stubFor(get("/1/user/-/hrv/date/2024-03-01/2024-03-15.json")
                .willReturn(okJson(
                        "{\"hrv\":[{\"value\":{\"dailyRmssd\":55,\"deepRmssd\":null},\"dateTime\":\"2024-03-15\"}]}")));

        LaunchResult result = launcher.launch(
                "--token-file",
                TokenFiles.valid(dir, "Europe/Berlin").toString(),
                "hrv",
                "--from",
                "2024-01-01",
                "--to",
                "2024-03-15");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                date,daily_rmssd,deep_rmssd,nrem_heart_rate,entropy
                2024-01-02,38.5,41,,
                2024-01-30,40.1,44.2,,
                2024-03-15,55,,,""", result.getOutput());
        api.verify(3, getRequestedFor(urlMatching("/1/user/-/hrv/date/.*")));
    }

    @Test
    void intradayWindowsOfANightThatBeganTheEveningBeforeComeOutInTimeOrder(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1/user/-/hrv/date/2024-07-01/2024-07-02/all.json")
                .willReturn(okJson(Fixtures.load("fitbit/hrv-intraday.json"))));

        LaunchResult local = launcher.launch(
                "--token-file",
                TokenFiles.valid(dir, "Europe/Berlin").toString(),
                "hrv",
                "--detail",
                "intraday",
                "--from",
                "2024-07-01",
                "--to",
                "2024-07-02");
        LaunchResult utc = launcher.launch(
                "--token-file",
                TokenFiles.valid(dir, "Europe/Berlin").toString(),
                "hrv",
                "--detail",
                "intraday",
                "--from",
                "2024-07-01",
                "--to",
                "2024-07-02",
                "--utc",
                "--format",
                "ndjson");

        assertEquals(0, local.exitCode(), local.getErrorOutput());
        assertEquals("""
                time,rmssd,coverage,hf,lf
                2024-07-01T03:00:00+02:00,41,0.95,200,300
                2024-07-01T23:55:00+02:00,26.617,0.935,126.514,471.897
                2024-07-02T01:10:00+02:00,30.5,0.9,120.1,400.2""", local.getOutput());
        assertEquals("""
                {"time":"2024-07-01T01:00:00Z","rmssd":41,"coverage":0.95,"hf":200,"lf":300}
                {"time":"2024-07-01T21:55:00Z","rmssd":26.617,"coverage":0.935,"hf":126.514,"lf":471.897}
                {"time":"2024-07-01T23:10:00Z","rmssd":30.5,"coverage":0.9,"hf":120.1,"lf":400.2}""", utc.getOutput());
        api.verify(2, getRequestedFor(urlEqualTo("/1/user/-/hrv/date/2024-07-01/2024-07-02/all.json")));
    }

    @Test
    void theAutumnHourThatHappensTwiceGivesEachWindowItsOwnOffsetOnce(QuarkusMainLauncher launcher) {
        // Berlin, 2024-10-27: clocks go from 03:00 CEST back to 02:00 CET, so 02:00-02:59 comes twice in the night.
        StringBuilder minutes = new StringBuilder();
        for (String local : new String[] {"01:55", "02:00", "02:55", "02:00", "02:55", "03:00"}) {
            minutes.append(minutes.length() == 0 ? "" : ",")
                    .append("{\"minute\":\"2024-10-27T")
                    .append(local)
                    .append(":00.000\",\"value\":{\"rmssd\":")
                    .append(minutes.length() % 97)
                    .append(",\"coverage\":0.9,\"hf\":1,\"lf\":2}}");
        }
        api.stubFor(get("/1/user/-/hrv/date/2024-10-27/2024-10-27/all.json")
                .willReturn(okJson("{\"hrv\":[{\"minutes\":[" + minutes + "],\"dateTime\":\"2024-10-27\"}]}")));

        LaunchResult result = launcher.launch(
                "--token-file",
                TokenFiles.valid(dir, "Europe/Berlin").toString(),
                "hrv",
                "--detail",
                "intraday",
                "--date",
                "2024-10-27",
                "--utc");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(
                List.of(
                        "time",
                        "2024-10-26T23:55:00Z",
                        "2024-10-27T00:00:00Z",
                        "2024-10-27T00:55:00Z",
                        "2024-10-27T01:00:00Z",
                        "2024-10-27T01:55:00Z",
                        "2024-10-27T02:00:00Z"),
                result.getOutput()
                        .lines()
                        .map(line -> line.substring(0, line.indexOf(',')))
                        .toList());
    }
}
