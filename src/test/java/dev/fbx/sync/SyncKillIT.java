package dev.fbx.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fbx.sink.Progress;
import dev.fbx.support.FbxProcess;
import dev.fbx.support.FitbitDays;
import dev.fbx.support.TokenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fbx as a CronJob runs it: killed (SIGKILL, and SIGTERM as Kubernetes sends first)
 * at random moments and started again, against an API that fails one request in ten with a 503.
 */
class SyncKillIT {
    private static final Pattern REQUEST = Pattern.compile(
            "/1/user/-/(activities/heart|hrv)/date/([0-9-]{10})(?:/([0-9-]{10}))?(/1d/1min|/all)?\\.json");

    /** fbx's today is the account's: the token file's cached zone. */
    final LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Berlin"));

    WireMockServer api;
    Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeEach
    void startApi() {
        api = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").extensions(new FitbitDays()));
        api.start();
        env = Map.of(
                "FBX_FITBIT_API_URL",
                "http://127.0.0.1:" + api.port(),
                "FBX_RETRY_ATTEMPTS",
                "8",
                "FBX_RETRY_INITIAL_DELAY_MS",
                "1",
                "FBX_RETRY_MAX_DELAY_MS",
                "20");
        TokenFiles.valid(dir, "Europe/Berlin");
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    @Test
    void runsKilledAtRandomAndRestartedLeaveTheFilesOfAnUninterruptedRun() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed;
        stubAccount(20);
        String since = today.minusDays(40).toString();
        String[] sync = {
            "--token-file",
            "fb_conf.json",
            "sync",
            "--since",
            since,
            "--hr-detail",
            "1min",
            "--hrv-detail",
            "intraday",
            "--out"
        };

        assertEquals(0, FbxProcess.run(dir, env, "reference", args(sync, "reference")), () -> output("reference"));

        // Killed after a number of answers rather than a time, which a fast machine or the native binary
        // outruns: anywhere in the first run's 45-odd requests, early in the later ones, which fetch at
        // least today and yesterday of four datasets. Answers take 20 ms, so polling every 5 ms
        // overshoots by one at most.
        int kills = 0;
        for (int run = 0; kills < 4 && run < 12; run++) {
            String name = "killed-" + run;
            Map<String, Set<LocalDate>> completeBefore = complete(dir.resolve("killed"));
            api.resetRequests();
            Process process = FbxProcess.start(dir, env, name, args(sync, "killed"));
            int answers = 1 + random.nextInt(run == 0 ? 40 : 4);
            while (process.isAlive() && api.getAllServeEvents().size() < answers) {
                Thread.sleep(5);
            }
            boolean term = kills % 2 == 1;
            if (process.isAlive()) {
                kills++;
                if (term) {
                    process.destroy();
                } else {
                    process.destroyForcibly();
                }
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), why);
            assertNothingCompleteWasFetched(completeBefore, why + ", " + name);
            if (term) {
                assertEquals(
                        List.of(),
                        temporaryFiles(dir.resolve("killed")),
                        why + ": SIGTERM lets the file being written finish");
            }
        }
        assertEquals(4, kills, why + ": four runs killed, two with SIGKILL and two with SIGTERM");
        Map<String, Set<LocalDate>> completeBefore = complete(dir.resolve("killed"));
        api.resetRequests();
        assertEquals(0, FbxProcess.run(dir, env, "last", args(sync, "killed")), () -> output("last"));
        assertNothingCompleteWasFetched(completeBefore, why + ", last run");

        assertEquals(contents(dir.resolve("reference")), contents(dir.resolve("killed")), why);
    }

    @Test
    void aSecondSyncOnTheSameDirectoryIsRefusedWhileTheFirstGoesOn() throws Exception {
        // 16 answers of half a second: the first sync outlasts the start of a second JVM on a loaded machine.
        stubAccount(500);
        String[] sync = {
            "--token-file",
            "fb_conf.json",
            "sync",
            "--since",
            today.minusDays(15).toString(),
            "--types",
            "hr-1min",
            "--out",
            "data"
        };
        Process first = FbxProcess.start(dir, env, "first", sync);
        while (first.isAlive() && api.getAllServeEvents().isEmpty()) {
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), () -> output("first"));

        int second = FbxProcess.run(dir, env, "second", sync);

        assertEquals(75, second, () -> output("second"));
        assertTrue(
                FbxProcess.output(dir, "second", "err").contains("Another fbx sync is writing to data"),
                () -> output("second"));
        assertTrue(first.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, first.exitValue(), () -> output("first"));
        try (Stream<Path> files = Files.list(dir.resolve("data").resolve("hr-1min"))) {
            assertEquals(16, files.count());
        }
    }

    private void stubAccount(int delayMs) {
        api.stubFor(get(urlPathMatching("/1/user/-/(activities/heart|hrv)/date/.*"))
                .willReturn(aResponse()
                        .withTransformers(FitbitDays.NAME)
                        .withTransformerParameter("delay-ms", delayMs)
                        .withTransformerParameter("fail-one-in", 10)));
    }

    private static String[] args(String[] sync, String out) {
        String[] all = java.util.Arrays.copyOf(sync, sync.length + 1);
        all[sync.length] = out;
        return all;
    }

    /** No request of this run asked for a day that the progress file said was complete before it started. */
    private void assertNothingCompleteWasFetched(Map<String, Set<LocalDate>> complete, String why) {
        for (ServeEvent event : api.getAllServeEvents()) {
            Matcher m = REQUEST.matcher(event.getRequest().getUrl());
            assertTrue(m.matches(), event.getRequest().getUrl());
            String dataset = m.group(1).equals("hrv")
                    ? (m.group(4) == null ? "hrv-day" : "hrv-intraday")
                    : m.group(4) == null ? "hr-day" : "hr-1min";
            LocalDate first = LocalDate.parse(m.group(2));
            LocalDate last = m.group(3) == null ? first : LocalDate.parse(m.group(3));
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                assertFalse(
                        complete.getOrDefault(dataset, Set.of()).contains(day),
                        why + ": " + dataset + " " + day + " was fetched again");
            }
        }
    }

    private static Map<String, Set<LocalDate>> complete(Path out) {
        Map<String, Set<LocalDate>> complete = new HashMap<>();
        Path file = out.resolve(Progress.FILE);
        if (!Files.exists(file)) {
            return complete;
        }
        JsonNode datasets = TokenFiles.read(file).path("complete");
        datasets.fields().forEachRemaining(dataset -> {
            Set<LocalDate> days = new HashSet<>();
            for (JsonNode run : dataset.getValue()) {
                LocalDate.parse(run.get(0).asText())
                        .datesUntil(LocalDate.parse(run.get(1).asText()).plusDays(1))
                        .forEach(days::add);
            }
            complete.put(dataset.getKey(), days);
        });
        return complete;
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        return contents;
    }

    private static List<Path> temporaryFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    private String output(String name) {
        try {
            return FbxProcess.output(dir, name, "err");
        } catch (IOException e) {
            return e.toString();
        }
    }
}
