package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.FitbitDays;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@WithTestResource(ApiFake.class)
class SyncCommandTest extends FakeApiTest {
    /** fbx's today is the account's: the token file's cached zone. */
    final LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Berlin"));

    Path tokens;
    Path out;

    @BeforeEach
    void files() {
        tokens = TokenFiles.valid(dir, "Europe/Berlin");
        out = dir.resolve("backup");
    }

    @Test
    void aMultiMonthSyncWritesWhatTheCommandsPrintAndTheNextRunFetchesOnlyTodayAndYesterday(
            QuarkusMainLauncher launcher) {
        stubAccount();
        LocalDate since = today.minusDays(75);

        LaunchResult sync =
                sync(launcher, "--since", since.toString(), "--hr-detail", "1min", "--hrv-detail", "intraday");

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertTrue(
                sync.getErrorOutput()
                        .contains(
                                "83 requests for 304 days (hr-day 1, hrv-day 3, hrv-intraday 3, hr-1min 76), about 34 min at 150/h"),
                sync.getErrorOutput());
        assertEquals(83, api.getAllServeEvents().size(), "each endpoint's largest range per request");
        assertEquals("", sync.getOutput());
        for (String dataset : List.of("hr-day", "hrv-day", "hrv-intraday", "hr-1min")) {
            assertEquals(76, files(dataset).size(), dataset + ": one file per day, with data or not");
        }
        LocalDate unworn = Stream.iterate(since, d -> d.plusDays(1))
                .filter(d -> !FitbitDays.worn(d))
                .findFirst()
                .orElseThrow();
        assertEquals("time,heart_rate\n", read(out.resolve("hr-1min").resolve(unworn + ".csv")));

        String from = since.toString();
        assertEquals(command(launcher, "hr", "--from", from), concatenated("hr-day"));
        assertEquals(command(launcher, "hr", "--detail", "1min", "--from", from), concatenated("hr-1min"));
        assertEquals(command(launcher, "hrv", "--from", from), concatenated("hrv-day"));
        assertEquals(command(launcher, "hrv", "--detail", "intraday", "--from", from), concatenated("hrv-intraday"));

        Map<Path, String> before = snapshot();
        api.resetRequests();
        LaunchResult again = sync(launcher, "--hr-detail", "1min", "--hrv-detail", "intraday");

        assertEquals(0, again.exitCode(), again.getErrorOutput());
        String recent = today.minusDays(1) + "/" + today;
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/activities/heart/date/" + recent + ".json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/hrv/date/" + recent + ".json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/hrv/date/" + recent + "/all.json")));
        api.verify(
                1,
                getRequestedFor(urlEqualTo("/1/user/-/activities/heart/date/" + today.minusDays(1) + "/1d/1min.json")));
        api.verify(1, getRequestedFor(urlEqualTo("/1/user/-/activities/heart/date/" + today + "/1d/1min.json")));
        assertEquals(5, api.getAllServeEvents().size());
        assertEquals(before, snapshot(), "a re-run writes the same bytes");
    }

    @Test
    void aRateLimitWithoutWaitSavesProgressAndTheNextRunContinues(QuarkusMainLauncher launcher) {
        stubAccount();
        LocalDate since = today.minusDays(9);
        LocalDate limited = since.plusDays(4);
        api.stubFor(
                get(intraday(limited))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Fitbit-Rate-Limit-Limit", "150")
                                        .withHeader("Fitbit-Rate-Limit-Remaining", "0")
                                        .withHeader("Fitbit-Rate-Limit-Reset", "1200")
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"system\",\"fieldName\":\"n/a\",\"message\":\"Too Many Requests\"}]}")));

        LaunchResult stopped = sync(launcher, "--since", since.toString(), "--types", "hr-1min");

        assertEquals(75, stopped.exitCode(), stopped.getErrorOutput());
        assertTrue(
                stopped.getErrorOutput().contains("rate limit reached; the quota resets in 1200 s"),
                stopped.getErrorOutput());
        assertTrue(
                stopped.getErrorOutput()
                        .contains("Progress is saved: the next fbx sync continues with hr-1min " + limited),
                stopped.getErrorOutput());
        assertEquals(days(since, limited.minusDays(1)), fileDays("hr-1min"));
        assertEquals(
                "[[\"" + since + "\",\"" + limited.minusDays(1) + "\"]]",
                progress().path("complete").path("hr-1min").toString());

        api.resetAll();
        stubAccount();
        LaunchResult resumed = sync(launcher, "--types", "hr-1min");

        assertEquals(0, resumed.exitCode(), resumed.getErrorOutput());
        assertEquals(days(since, today), fileDays("hr-1min"));
        for (LocalDate day : days(since, today)) {
            api.verify(day.isBefore(limited) ? 0 : 1, getRequestedFor(urlEqualTo(intraday(day))));
        }
    }

    @Test
    void aQuotaAnnouncedAsSpentStopsBeforeTheNextRequest(QuarkusMainLauncher launcher) {
        stubAccount();
        LocalDate since = today.minusDays(5);
        api.stubFor(get(intraday(since.plusDays(1)))
                .willReturn(okJson(FitbitDays.body(intraday(since.plusDays(1))))
                        .withHeader("Fitbit-Rate-Limit-Remaining", "0")
                        .withHeader("Fitbit-Rate-Limit-Reset", "900")));

        LaunchResult stopped = sync(launcher, "--since", since.toString(), "--types", "hr-1min");

        assertEquals(75, stopped.exitCode(), stopped.getErrorOutput());
        assertEquals(2, api.getAllServeEvents().size(), "the request the server said it would refuse is not sent");
        assertEquals(days(since, since.plusDays(1)), fileDays("hr-1min"));
    }

    @Test
    void withWaitARateLimitIsSleptOffUntilTheAnnouncedReset(QuarkusMainLauncher launcher) {
        stubAccount();
        LocalDate since = today.minusDays(5);
        LocalDate limited = since.plusDays(2);
        api.stubFor(get(intraday(limited))
                .inScenario("quota")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("reset")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("fitbit-rate-limit-remaining", "0")
                        .withHeader("fitbit-rate-limit-reset", "1")
                        .withBody("{\"errors\":[{\"errorType\":\"system\",\"message\":\"Too Many Requests\"}]}")));

        LaunchResult result = sync(launcher, "--since", since.toString(), "--types", "hr-1min", "--wait");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("rate limit reached: waiting "), result.getErrorOutput());
        api.verify(2, getRequestedFor(urlEqualTo(intraday(limited))));
        assertEquals(days(since, today), fileDays("hr-1min"));
    }

    @Test
    void anApiThatKeepsFailingEndsTheRunWith69AndProgressSaved(QuarkusMainLauncher launcher) {
        stubAccount();
        LocalDate since = today.minusDays(8);
        LocalDate failing = since.plusDays(3);
        api.stubFor(
                get(intraday(failing)).willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));

        LaunchResult failed = sync(launcher, "--since", since.toString(), "--types", "hr-1min");

        assertEquals(69, failed.exitCode(), failed.getErrorOutput());
        assertTrue(failed.getErrorOutput().contains("HTTP 503"), failed.getErrorOutput());
        api.verify(4, getRequestedFor(urlEqualTo(intraday(failing))));
        assertEquals(days(since, failing.minusDays(1)), fileDays("hr-1min"));

        api.resetAll();
        stubAccount();
        LaunchResult resumed = sync(launcher, "--types", "hr-1min");

        assertEquals(0, resumed.exitCode(), resumed.getErrorOutput());
        assertEquals(
                today.toEpochDay() - failing.toEpochDay() + 1,
                api.getAllServeEvents().size());
    }

    @Test
    void unreadableDataStopsThatDatasetAndTheOthersGoOn(QuarkusMainLauncher launcher) {
        stubAccount();
        LocalDate since = today.minusDays(4);
        api.stubFor(get(urlPathMatching("/1/user/-/hrv/date/.*"))
                .willReturn(aResponse().withStatus(200).withBody("{not json")));

        LaunchResult result = sync(launcher, "--since", since.toString(), "--types", "hrv-day,hr-1min");

        assertEquals(65, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("hrv-day stopped early"), result.getErrorOutput());
        assertEquals(List.of(), fileDays("hrv-day"));
        assertEquals(days(since, today), fileDays("hr-1min"));
    }

    @Test
    void aCorruptProgressFileIsReportedAndNothingIsDeleted(QuarkusMainLauncher launcher) throws IOException {
        Files.createDirectories(out.resolve("hr-day"));
        Files.writeString(
                out.resolve(".fbx-sync.json"),
                "{\"version\":1,\"since\":\"2024-01-01\",\"complete\":{\"hr-day\":[[\"2024-01-01\"");
        Files.writeString(out.resolve("hr-day").resolve("2024-01-01.csv"), "date\n");

        LaunchResult result = sync(launcher, "--types", "hr");

        assertEquals(78, result.exitCode());
        assertTrue(result.getErrorOutput().contains(".fbx-sync.json is corrupt"), result.getErrorOutput());
        assertEquals(
                "{\"version\":1,\"since\":\"2024-01-01\",\"complete\":{\"hr-day\":[[\"2024-01-01\"",
                read(out.resolve(".fbx-sync.json")));
        assertEquals("date\n", read(out.resolve("hr-day").resolve("2024-01-01.csv")));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void aSecondSyncOnTheSameDirectoryIsRefused(QuarkusMainLauncher launcher) throws IOException {
        Files.createDirectories(out);
        try (FileChannel channel = FileChannel.open(
                        out.resolve(".fbx-sync.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            LaunchResult result = sync(launcher, "--since", today.toString());

            assertEquals(75, result.exitCode());
            assertTrue(
                    result.getErrorOutput().contains("Another fbx sync is writing to " + out), result.getErrorOutput());
        }
        assertEquals(0, api.getAllServeEvents().size());
        assertFalse(Files.exists(out.resolve(".fbx-sync.json")));
    }

    @Test
    void aFirstRunNeedsSinceAndCreatesNothingWithout(QuarkusMainLauncher launcher) {
        LaunchResult noSince = sync(launcher);
        LaunchResult detailWithoutType = sync(launcher, "--since", "today", "--types", "hrv", "--hr-detail", "1min");

        assertEquals(64, noSince.exitCode());
        assertTrue(noSince.getErrorOutput().contains("needs --since"), noSince.getErrorOutput());
        assertEquals(64, detailWithoutType.exitCode());
        assertTrue(detailWithoutType.getErrorOutput().contains("--types hr-1min"), detailWithoutType.getErrorOutput());
        assertFalse(Files.exists(out));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void quietPrintsNothing(QuarkusMainLauncher launcher) {
        stubAccount();

        LaunchResult result = launcher.launch(
                "--token-file", tokens.toString(), "-q", "sync", "--out", out.toString(), "--since", "yesterday");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("", result.getErrorOutput());
        assertEquals(2, files("hrv-day").size());
    }

    /** spo2, br, temp and sleep go through the same engine: each day's file holds what the command prints for that day. */
    @Test
    void theSleepTimeDatasetsAreSyncedLikeTheOthers(QuarkusMainLauncher launcher) {
        LocalDate since = today.minusDays(3);
        api.stubFor(get(urlPathMatching("/1/user/-/spo2/date/.*"))
                .willReturn(okJson("[{\"dateTime\":\"" + since.plusDays(2)
                        + "\",\"value\":{\"avg\":96.1,\"min\":93.0,\"max\":98.4}},{\"dateTime\":\"" + since
                        + "\",\"value\":{\"avg\":95.7,\"min\":94.0,\"max\":99.0}}]")));
        api.stubFor(get(urlPathMatching("/1/user/-/br/date/.*"))
                .willReturn(okJson(
                        "{\"br\":[{\"value\":{\"breathingRate\":15.5},\"dateTime\":\"" + since.plusDays(1) + "\"}]}")));
        api.stubFor(get(urlPathMatching("/1/user/-/temp/skin/date/.*"))
                .willReturn(okJson("{\"tempSkin\":[{\"dateTime\":\"" + since
                        + "\",\"value\":{\"nightlyRelative\":-0.3},\"logType\":\"dedicated_temp_sensor\"}]}")));
        api.stubFor(get(urlPathMatching("/1.2/user/-/sleep/date/.*"))
                .willReturn(okJson("{\"sleep\":[{\"dateOfSleep\":\"" + since.plusDays(1)
                        + "\",\"duration\":25200000,\"endTime\":\"" + since.plusDays(1)
                        + "T06:30:00.000\",\"isMainSleep\":true,"
                        + "\"levels\":{\"summary\":{\"deep\":{\"minutes\":70},\"light\":{\"minutes\":250},\"rem\":{\"minutes\":80},\"wake\":{\"minutes\":20}}},"
                        + "\"minutesAsleep\":400,\"minutesAwake\":20,\"startTime\":\"" + since
                        + "T23:30:00.000\",\"type\":\"stages\"}]}")));

        LaunchResult sync = sync(launcher, "--since", since.toString(), "--types", "spo2,br,temp,sleep");

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertEquals(4, api.getAllServeEvents().size(), "one request per dataset for four days");
        String from = since.toString();
        for (String dataset : List.of("spo2", "br", "temp", "sleep")) {
            assertEquals(days(since, today), fileDays(dataset), dataset);
            assertEquals(command(launcher, dataset, "--from", from), concatenated(dataset), dataset);
        }
        assertEquals(
                "date,avg,min,max\n" + since + ",95.7,94,99\n",
                read(out.resolve("spo2").resolve(since + ".csv")));
        assertEquals(
                since.plusDays(1) + "," + since + "T23:30:00" + offset(since) + "," + since.plusDays(1) + "T06:30:00"
                        + offset(since.plusDays(1)) + ",true,400,20,70,250,80,20",
                read(out.resolve("sleep").resolve(since.plusDays(1) + ".csv"))
                        .lines()
                        .toList()
                        .get(1));
    }

    private static String offset(LocalDate day) {
        return java.time.ZoneId.of("Europe/Berlin")
                .getRules()
                .getOffset(day.atTime(12, 0))
                .getId();
    }

    /** The fake account answers every HR and HRV request; tests add stubs for the days that go wrong (the latest stub wins). */
    private void stubAccount() {
        api.stubFor(get(urlPathMatching("/1/user/-/(activities/heart|hrv)/date/.*"))
                .willReturn(aResponse().withTransformers(FitbitDays.NAME)));
    }

    private static String intraday(LocalDate day) {
        return "/1/user/-/activities/heart/date/" + day + "/1d/1min.json";
    }

    private LaunchResult sync(QuarkusMainLauncher launcher, String... args) {
        List<String> all = new ArrayList<>(List.of("--token-file", tokens.toString(), "sync", "--out", out.toString()));
        all.addAll(Arrays.asList(args));
        return launcher.launch(all.toArray(String[]::new));
    }

    private List<String> command(QuarkusMainLauncher launcher, String... args) {
        List<String> all = new ArrayList<>(List.of("--token-file", tokens.toString()));
        all.addAll(Arrays.asList(args));
        LaunchResult result = launcher.launch(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        return result.getOutput().lines().toList();
    }

    /** The dataset's files one after the other, with the header once: what the command prints for the whole range. */
    private List<String> concatenated(String dataset) {
        List<String> lines = new ArrayList<>();
        for (Path file : files(dataset)) {
            List<String> fileLines = read(file).lines().toList();
            if (lines.isEmpty()) {
                lines.add(fileLines.get(0));
            }
            lines.addAll(fileLines.subList(1, fileLines.size()));
        }
        return lines;
    }

    private List<Path> files(String dataset) {
        Path folder = out.resolve(dataset);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<LocalDate> fileDays(String dataset) {
        return files(dataset).stream()
                .map(p -> LocalDate.parse(p.getFileName().toString().replace(".csv", "")))
                .toList();
    }

    private static List<LocalDate> days(LocalDate first, LocalDate last) {
        return first.datesUntil(last.plusDays(1)).toList();
    }

    private Map<Path, String> snapshot() {
        Map<Path, String> contents = new TreeMap<>();
        for (String dataset : List.of("hr-day", "hrv-day", "hrv-intraday", "hr-1min")) {
            files(dataset).forEach(f -> contents.put(f, read(f)));
        }
        return contents;
    }

    private JsonNode progress() {
        return TokenFiles.read(out.resolve(".fbx-sync.json"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
