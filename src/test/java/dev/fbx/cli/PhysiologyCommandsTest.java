package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.Fixtures;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code spo2}, {@code br}, {@code temp} and {@code sleep} on the fitbit provider, against the HTTP fake. */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class PhysiologyCommandsTest extends FakeApiTest {

    private LaunchResult run(QuarkusMainLauncher launcher, String... args) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        String[] all = new String[args.length + 2];
        all[0] = "--token-file";
        all[1] = tokens.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return launcher.launch(all);
    }

    @Test
    void spo2ReadsTheBareListInDateOrder(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1/user/-/spo2/date/2024-07-01/2024-07-03.json")
                .willReturn(okJson(Fixtures.load("fitbit/spo2.json"))));

        LaunchResult result = run(launcher, "spo2", "--from", "2024-07-01", "--to", "2024-07-03");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                date,avg,min,max
                2024-07-01,95.7,94,99
                2024-07-03,96.1,93,98.4""", result.getOutput());
    }

    @Test
    void spo2WithoutDataIsEmptyWhetherAnEmptyListOrAnEmptyObject(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1/user/-/spo2/date/2024-07-01/2024-07-01.json").willReturn(okJson("{}")));
        api.stubFor(get("/1/user/-/spo2/date/2024-07-02/2024-07-02.json").willReturn(okJson("[]")));

        LaunchResult object = run(launcher, "spo2", "--date", "2024-07-01");
        LaunchResult list = run(launcher, "spo2", "--date", "2024-07-02");

        assertEquals(0, object.exitCode(), object.getErrorOutput());
        assertEquals("date,avg,min,max", object.getOutput());
        assertEquals("date,avg,min,max", list.getOutput());
    }

    @Test
    void sixtyDaysOfSpo2TakeTwoRequestsOfThirtyDays(QuarkusMainLauncher launcher) {
        api.stubFor(get(urlMatching("/1/user/-/spo2/date/.*")).willReturn(okJson("[]")));

        LaunchResult result = run(launcher, "spo2", "--from", "2024-05-01", "--to", "2024-06-29");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/spo2/date/2024-05-01/2024-05-30.json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/spo2/date/2024-05-31/2024-06-29.json")));
        assertEquals(2, api.getAllServeEvents().size());
    }

    @Test
    void breathingRateSkipsNightsWithoutAValue(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1/user/-/br/date/2024-07-01/2024-07-03.json")
                .willReturn(okJson(Fixtures.load("fitbit/br.json"))));

        LaunchResult result = run(launcher, "br", "--from", "2024-07-01", "--to", "2024-07-03", "--format", "ndjson");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                {"date":"2024-07-01","breathing_rate":15.5}
                {"date":"2024-07-02","breathing_rate":14.8}""", result.getOutput());
    }

    @Test
    void sixtyDaysOfBreathingRateAndTemperatureTakeTwoRequestsEach(QuarkusMainLauncher launcher) {
        api.stubFor(get(urlMatching("/1/user/-/br/date/.*")).willReturn(okJson("{\"br\":[]}")));
        api.stubFor(get(urlMatching("/1/user/-/temp/skin/date/.*")).willReturn(okJson("{\"tempSkin\":[]}")));

        LaunchResult br = run(launcher, "br", "--from", "2024-05-01", "--to", "2024-06-29");
        LaunchResult temp = run(launcher, "temp", "--from", "2024-05-01", "--to", "2024-06-29");

        assertEquals(0, br.exitCode(), br.getErrorOutput());
        assertEquals(0, temp.exitCode(), temp.getErrorOutput());
        assertEquals("date,breathing_rate", br.getOutput());
        assertEquals("date,nightly_relative", temp.getOutput());
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/br/date/2024-05-01/2024-05-30.json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/br/date/2024-05-31/2024-06-29.json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/temp/skin/date/2024-05-01/2024-05-30.json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/temp/skin/date/2024-05-31/2024-06-29.json")));
        assertEquals(4, api.getAllServeEvents().size());
    }

    @Test
    void skinTemperatureIsTheNightlyRelativeValue(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1/user/-/temp/skin/date/2024-07-01/2024-07-02.json")
                .willReturn(okJson(Fixtures.load("fitbit/temp-skin.json"))));

        LaunchResult result = run(launcher, "temp", "--from", "2024-07-01", "--to", "2024-07-02");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                date,nightly_relative
                2024-07-01,-0.3
                2024-07-02,0.118""", result.getOutput());
    }

    @Test
    void sleepHasOneRowPerSleepInStartOrderWithStagesOnlyForStagedSleeps(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1.2/user/-/sleep/date/2024-07-01/2024-07-02.json")
                .willReturn(okJson(Fixtures.load("fitbit/sleep.json"))));

        LaunchResult result = run(launcher, "sleep", "--from", "2024-07-01", "--to", "2024-07-02");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                date,start,end,main_sleep,minutes_asleep,minutes_awake,deep_minutes,light_minutes,rem_minutes,wake_minutes
                2024-07-01,2024-06-30T23:30:00+02:00,2024-07-01T06:30:00+02:00,true,380,40,70,220,90,40
                2024-07-02,2024-07-01T23:10:00+02:00,2024-07-02T06:58:30+02:00,true,415,53,78,241,96,53
                2024-07-02,2024-07-02T14:10:00+02:00,2024-07-02T14:40:00+02:00,false,26,4,,,,""", result.getOutput());
    }

    @Test
    void sleepInJsonHasBooleansNumbersAndNulls(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1.2/user/-/sleep/date/2024-07-02/2024-07-02.json")
                .willReturn(okJson(Fixtures.load("fitbit/sleep.json"))));

        LaunchResult result = run(launcher, "sleep", "--date", "2024-07-02", "--format", "json", "--utc");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(
                "[{\"date\":\"2024-07-02\",\"start\":\"2024-07-01T21:10:00Z\",\"end\":\"2024-07-02T04:58:30Z\",\"main_sleep\":true,"
                        + "\"minutes_asleep\":415,\"minutes_awake\":53,\"deep_minutes\":78,\"light_minutes\":241,\"rem_minutes\":96,\"wake_minutes\":53},"
                        + "{\"date\":\"2024-07-02\",\"start\":\"2024-07-02T12:10:00Z\",\"end\":\"2024-07-02T12:40:00Z\",\"main_sleep\":false,"
                        + "\"minutes_asleep\":26,\"minutes_awake\":4,\"deep_minutes\":null,\"light_minutes\":null,\"rem_minutes\":null,\"wake_minutes\":null}]",
                result.getOutput());
    }

    @Test
    void aSleepAcrossTheAutumnChangeEndsWithTheWinterOffset(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1.2/user/-/sleep/date/2024-10-27/2024-10-27.json")
                .willReturn(okJson(Fixtures.load("fitbit/sleep-dst.json"))));
        api.stubFor(get("/1.2/user/-/sleep/date/2023-10-29/2023-10-29.json")
                .willReturn(okJson(Fixtures.load("fitbit/sleep-dst-repeated-hour.json"))));

        LaunchResult across = run(launcher, "sleep", "--date", "2024-10-27");
        LaunchResult inRepeatedHour = run(launcher, "sleep", "--date", "2023-10-29");

        assertEquals(0, across.exitCode(), across.getErrorOutput());
        assertTrue(
                across.getOutput()
                        .endsWith(
                                "\n2024-10-27,2024-10-26T23:30:00+02:00,2024-10-27T07:00:00+01:00,true,470,40,80,270,120,40"),
                across.getOutput());
        // 00:30 to the second 02:30 of the night is three hours, as the log's duration says; the first 02:30 would be
        // two.
        assertTrue(
                inRepeatedHour
                        .getOutput()
                        .endsWith("\n2023-10-29,2023-10-29T00:30:00+02:00,2023-10-29T02:30:00+01:00,true,165,15,,,,"),
                inRepeatedHour.getOutput());
    }

    @Test
    void oneHundredAndFiftyDaysOfSleepTakeTwoRequestsOfAtMostOneHundredDays(QuarkusMainLauncher launcher) {
        api.stubFor(get(urlMatching("/1.2/user/-/sleep/date/.*")).willReturn(okJson("{\"sleep\":[]}")));

        LaunchResult result = run(launcher, "sleep", "--from", "2024-01-01", "--to", "2024-05-29");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        api.verify(1, getRequestedFor(urlEqualTo("/1.2/user/-/sleep/date/2024-01-01/2024-04-09.json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1.2/user/-/sleep/date/2024-04-10/2024-05-29.json")));
        assertEquals(2, api.getAllServeEvents().size());
    }

    @Test
    void aSleepBodyThatIsNotAListIsUnreadableData(QuarkusMainLauncher launcher) {
        api.stubFor(get("/1.2/user/-/sleep/date/2024-07-01/2024-07-01.json")
                .willReturn(okJson("{\"sleep\":{\"oops\":1}}")));

        LaunchResult result = run(launcher, "sleep", "--date", "2024-07-01");

        assertEquals(65, result.exitCode());
        assertTrue(result.getErrorOutput().contains("sleep 2024-07-01"), result.getErrorOutput());
    }

    @Test
    void helpListsTheColumns(QuarkusMainLauncher launcher) {
        LaunchResult sleep = launcher.launch("sleep", "--help");
        LaunchResult spo2 = launcher.launch("spo2", "--help");

        assertEquals(0, sleep.exitCode());
        assertTrue(
                sleep.getOutput()
                        .replaceAll("\\s", "")
                        .contains(
                                "date,start,end,main_sleep,minutes_asleep,minutes_awake,deep_minutes,light_minutes,rem_minutes,wake_minutes"),
                sleep.getOutput());
        assertTrue(spo2.getOutput().contains("Columns with --detail day: date,avg,min,max"), spo2.getOutput());
        assertTrue(spo2.getOutput().contains("Columns with --detail minute: time,spo2"), spo2.getOutput());
        assertTrue(spo2.getOutput().contains("--detail=day|minute"), spo2.getOutput());
        assertTrue(spo2.getOutput().contains("confidence interval"), spo2.getOutput());
    }
}
