package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.dataset.Dataset;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.FitbitDays;
import dev.fbx.support.GoogleDays;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The plan a sync prints is the number of requests it makes, on every source and dataset; and what it makes of them. */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class SyncPlanTest extends FakeApiTest {
    private static final Pattern PLAN = Pattern.compile("(\\d+) requests for (\\d+) days");
    private static final String EVERY_DATASET = String.join(",", Dataset.ids());

    @Test
    void aGoogleSyncOfEveryDatasetOver400DaysMakesTheRequestsItPlanned(QuarkusMainLauncher launcher) {
        Path tokens = googleTokens();
        api.stubFor(any(urlPathMatching("/v4/users/me/dataTypes/.*"))
                .willReturn(aResponse().withTransformers(GoogleDays.NAME)));
        LocalDate today = LocalDate.now(GoogleDays.HOME);

        LaunchResult sync = launcher.launch(
                "--token-file",
                tokens.toString(),
                "sync",
                "--out",
                dir.resolve("out").toString(),
                "--since",
                today.minusDays(399).toString(),
                "--types",
                EVERY_DATASET);

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertEquals(planned(sync), api.getAllServeEvents().size(), sync.getErrorOutput());
        assertEquals(400 * Dataset.values().size(), planDays(sync));
    }

    @Test
    void aFitbitSyncOfEveryDatasetOver400DaysMakesTheRequestsItPlanned(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(get(urlPathMatching("/1/user/-/(activities/heart|hrv)/.*"))
                .willReturn(aResponse().withTransformers(FitbitDays.NAME)));
        api.stubFor(get(urlPathMatching("/1/user/-/spo2/date/.*")).willReturn(okJson("[]")));
        api.stubFor(get(urlPathMatching("/1/user/-/br/date/.*")).willReturn(okJson("{\"br\":[]}")));
        api.stubFor(get(urlPathMatching("/1/user/-/temp/skin/date/.*")).willReturn(okJson("{\"tempSkin\":[]}")));
        api.stubFor(get(urlPathMatching("/1.2/user/-/sleep/date/.*")).willReturn(okJson("{\"sleep\":[]}")));
        LocalDate today = LocalDate.now(GoogleDays.HOME);

        LaunchResult sync = launcher.launch(
                "--token-file",
                tokens.toString(),
                "sync",
                "--out",
                dir.resolve("out").toString(),
                "--since",
                today.minusDays(399).toString(),
                "--types",
                EVERY_DATASET);

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertEquals(planned(sync), api.getAllServeEvents().size(), sync.getErrorOutput());
        // Intraday heart rate is a request per day on Fitbit: four resolutions make most of them.
        assertTrue(planned(sync) > 4 * 400, sync.getErrorOutput());
    }

    @Test
    void googlesPerMinuteQuotaIsWaitedOutBySyncWithoutWait(QuarkusMainLauncher launcher) {
        Path tokens = googleTokens();
        String hrv = "/v4/users/me/dataTypes/daily-heart-rate-variability/dataPoints";
        api.stubFor(
                get(urlPathMatching(hrv))
                        .inScenario("quota")
                        .whenScenarioStateIs(STARTED)
                        .willSetStateTo("spent")
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}")));
        api.stubFor(get(urlPathMatching(hrv))
                .inScenario("quota")
                .whenScenarioStateIs("spent")
                .willReturn(aResponse().withTransformers(GoogleDays.NAME)));
        LocalDate today = LocalDate.now(GoogleDays.HOME);

        LaunchResult sync = launcher.launch(
                "--token-file",
                tokens.toString(),
                "sync",
                "--out",
                dir.resolve("out").toString(),
                "--since",
                today.minusDays(9).toString(),
                "--types",
                "hrv");

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertEquals(List.of("hrv-day"), List.of(dir.resolve("out").toFile().list((d, name) -> !name.startsWith("."))));
        assertEquals(10, dir.resolve("out/hrv-day").toFile().list().length);
        assertEquals(2, api.getAllServeEvents().size(), "the refused request, then the same one again");
    }

    @Test
    void aTravellersSamplesEachLandOnceInTheFileOfTheirOwnLocalDay(QuarkusMainLauncher launcher) throws IOException {
        Path tokens = googleTokens();
        api.stubFor(get(urlPathMatching("/v4/users/me/dataTypes/heart-rate/dataPoints(:reconcile)?"))
                .willReturn(aResponse().withTransformers(GoogleDays.NAME)));
        LocalDate today = LocalDate.now(GoogleDays.HOME);
        LocalDate since =
                GoogleDays.TRAVEL_FROM.atZone(GoogleDays.HOME).toLocalDate().minusDays(2);
        Path out = dir.resolve("out");

        LaunchResult sync = launcher.launch(
                "--token-file",
                tokens.toString(),
                "sync",
                "--out",
                out.toString(),
                "--since",
                since.toString(),
                "--types",
                "hr-1sec");

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertEquals(planned(sync), api.getAllServeEvents().size(), sync.getErrorOutput());
        // Every sample taken on a day from --since to today, by its own clock: once each, in that day's file.
        List<String> expected = GoogleDays.samples(
                        since.atStartOfDay().toInstant(ZoneOffset.ofHours(14)),
                        today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.ofHours(-12)))
                .stream()
                .filter(t ->
                        !t.toLocalDate().isBefore(since) && !t.toLocalDate().isAfter(today))
                .map(t -> t.toLocalDate() + ".csv " + t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + ","
                        + GoogleDays.bpm(t.toInstant()))
                .toList();
        List<String> written = new ArrayList<>();
        try (Stream<Path> files = Files.list(out.resolve("hr-1sec"))) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                assertEquals("time,heart_rate", lines.get(0), file.toString());
                lines.subList(1, lines.size()).forEach(line -> written.add(file.getFileName() + " " + line));
            }
        }
        assertEquals(expected, written);
        OffsetDateTime evening = OffsetDateTime.parse("2026-03-10T20:00:00-04:00");
        assertEquals(Instant.parse("2026-03-11T00:00:00Z"), evening.toInstant(), "01:00 on 11 March in Berlin");
        assertTrue(
                written.contains("2026-03-10.csv 2026-03-10T20:00:00-04:00," + GoogleDays.bpm(evening.toInstant())),
                "the evening of the 10th where the wearer was");
    }

    private Path googleTokens() {
        return TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"ID.apps.googleusercontent.com\","
                        + "\"client_secret\":\"GOCSPX-secret\",\"access_token\":\"ACCESS\",\"refresh_token\":\"REFRESH\","
                        + "\"expires_at\":\"" + Instant.now().plusSeconds(3000) + "\",\"timezone\":\"Europe/Berlin\"}");
    }

    private static long planned(LaunchResult sync) {
        Matcher plan = PLAN.matcher(sync.getErrorOutput());
        assertTrue(plan.find(), sync.getErrorOutput());
        return Long.parseLong(plan.group(1));
    }

    private static long planDays(LaunchResult sync) {
        Matcher plan = PLAN.matcher(sync.getErrorOutput());
        assertTrue(plan.find(), sync.getErrorOutput());
        return Long.parseLong(plan.group(2));
    }
}
