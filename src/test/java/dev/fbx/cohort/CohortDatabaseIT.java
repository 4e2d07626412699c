package dev.fbx.cohort;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fbx.dataset.Dataset;
import dev.fbx.support.FbxProcess;
import dev.fbx.support.FitbitDays;
import dev.fbx.support.GoogleDays;
import dev.fbx.support.TakeoutArchive;
import dev.fbx.support.TestPostgres;
import dev.fbx.support.TokenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fbx syncing a cohort into a real PostgreSQL server: participants land under their
 * roster ids with the rows their own 'fbx sync' writes, shards run as processes at once add up to
 * one run, and runs killed (SIGKILL, SIGTERM) and started again end with an uninterrupted run's rows.
 */
class CohortDatabaseIT {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final LocalDate today = LocalDate.now(BERLIN);
    final TestPostgres pg = TestPostgres.server();
    final List<WireMockServer> fakes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopFakes() {
        fakes.forEach(WireMockServer::stop);
    }

    WireMockServer fake() {
        WireMockServer server = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").extensions(new FitbitDays(), new GoogleDays()));
        server.start();
        fakes.add(server);
        return server;
    }

    Map<String, String> env(WireMockServer api) {
        String base = "http://127.0.0.1:" + api.port();
        return new HashMap<>(Map.of(
                "FBX_GOOGLE_API_URL",
                base,
                "FBX_GOOGLE_TOKEN_URL",
                base + "/google/token",
                "FBX_FITBIT_API_URL",
                base,
                "FBX_RETRY_ATTEMPTS",
                "8",
                "FBX_RETRY_INITIAL_DELAY_MS",
                "1",
                "FBX_RETRY_MAX_DELAY_MS",
                "20",
                "FBX_DB_PASSWORD",
                TestPostgres.PASSWORD,
                "HOME",
                "/nonexistent"));
    }

    static String[] args(String... args) {
        return args;
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    Path googleTokens(String name, String access, String refresh, long expiresIn) {
        return TokenFiles.google(dir.resolve(name + ".json"), access, refresh, expiresIn);
    }

    @Test
    void participantsLandUnderTheirRosterIdsWithTheRowsOfTheirOwnSync() throws Exception {
        WireMockServer google = fake();
        GoogleDays.stub(google, "GONE-REFRESH");
        // What the participant's own sync asks to learn its account: the Fitbit id Google names for them, which the
        // cohort never stores.
        google.stubFor(get(urlPathEqualTo("/v4/users/me/identity"))
                .willReturn(okJson("{\"healthUserId\":\"HEALTH-4711\",\"legacyUserId\":\"LEGACY\"}")));
        google.stubFor(
                get(urlPathEqualTo("/v4/users/me/settings")).willReturn(okJson("{\"timeZone\":\"Europe/Berlin\"}")));
        google.stubFor(get(urlPathMatching("/v4/users/me/pairedDevices.*")).willReturn(okJson("{}")));
        googleTokens("api", "ya29.API-ACCESS", "1//API-REFRESH", 3600);
        googleTokens("gone", "ya29.GONE-ACCESS", "1//GONE-REFRESH", -3600);
        Path zip = new TakeoutArchive(
                        TakeoutArchive.Layout.GOOGLE_HEALTH,
                        BERLIN,
                        "Europe/Berlin",
                        today.minusDays(20),
                        today.minusDays(3),
                        900,
                        9)
                .zip(dir.resolve("takeout.zip"));
        Files.writeString(
                dir.resolve("roster.csv"),
                "participant,token_file,archive\napi,api.json,\ntakeout,,takeout.zip\ngone,gone.json,\n");
        String[] synced = {"--since", today.minusDays(6).toString(), "--types", "hr,hrv,sleep", "--hr-detail", "1sec"};
        String cohort = pg.createDatabase();
        String own = pg.createDatabase();
        Map<String, String> env = env(google);

        int code = FbxProcess.run(
                dir,
                env,
                "cohort",
                concat(args("cohort", "sync", "--roster", "roster.csv", "--db", pg.url(cohort)), synced));

        assertEquals(77, code, () -> err("cohort"));
        assertTrue(err("cohort").contains("fbx: gone not done (exit 77)"), err("cohort"));
        assertFalse(err("cohort").contains(TestPostgres.PASSWORD), err("cohort"));
        assertEquals(
                0,
                FbxProcess.run(
                        dir,
                        env,
                        "own-api",
                        concat(args("--token-file", "api.json", "sync", "--db", pg.url(own)), synced)),
                () -> err("own-api"));
        assertEquals(
                0,
                FbxProcess.run(
                        dir,
                        env,
                        "own-takeout",
                        concat(args("--archive", "takeout.zip", "sync", "--db", pg.url(own)), synced)),
                () -> err("own-takeout"));
        for (Dataset<?> dataset : List.of(Dataset.HR_DAY, Dataset.HRV_DAY, Dataset.SLEEP, Dataset.HR_1SEC)) {
            List<String> api = pg.rows(cohort, dataset, "api");
            assertEquals(pg.rows(own, dataset, "LEGACY"), api, dataset.id());
            assertEquals(pg.rows(own, dataset, "7XYZ42"), pg.rows(cohort, dataset, "takeout"), dataset.id());
            assertEquals(List.of(), pg.rows(cohort, dataset, "gone"), dataset.id());
        }
        assertFalse(pg.rows(cohort, Dataset.HR_1SEC, "api").isEmpty());
        assertFalse(pg.rows(cohort, Dataset.HR_1SEC, "takeout").isEmpty());
        assertEquals(List.of("api", "gone", "takeout"), pg.accounts(cohort), "roster ids, never the provider's");
    }

    @Test
    void twoShardsRunAtOnceEndWithTheRowsOfOneProcess() throws Exception {
        StringBuilder roster = new StringBuilder("participant,token_file,archive\n");
        for (int i = 1; i <= 7; i++) {
            roster.append("person-").append(i).append(",,\n");
        }
        Files.writeString(dir.resolve("roster.csv"), roster);
        String whole = pg.createDatabase();
        String sharded = pg.createDatabase();
        Map<String, String> env = Map.of("FBX_DB_PASSWORD", TestPostgres.PASSWORD, "HOME", "/nonexistent");
        String[] sync = {
            "--demo",
            "cohort",
            "sync",
            "--roster",
            "roster.csv",
            "--since",
            today.minusDays(9).toString()
        };
        String[] types = {"--types", "hr,hrv,sleep", "--hr-detail", "15min"};

        assertEquals(
                0,
                FbxProcess.run(dir, env, "whole", concat(concat(sync, "--db", pg.url(whole)), types)),
                () -> err("whole"));
        List<Process> shards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            shards.add(FbxProcess.start(
                    dir, env, "shard-" + i, concat(concat(sync, "--db", pg.url(sharded), "--shard", i + "/2"), types)));
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(shards.get(i).waitFor(2, TimeUnit.MINUTES));
            int shard = i;
            assertEquals(0, shards.get(i).exitValue(), () -> err("shard-" + shard));
        }

        List<String> rows = pg.dump(whole);
        assertTrue(rows.size() > 7 * 10 * 50, "every participant's 15-minute heart rate: " + rows.size());
        assertEquals(rows, pg.dump(sharded));
        assertEquals(7, pg.accounts(whole).size());

        // The compliance report reads the database as it reads the same cohort's sync directories.
        assertEquals(0, FbxProcess.run(dir, env, "out", concat(concat(sync, "--out", "out"), types)), () -> err("out"));
        String[] report = {
            "cohort",
            "report",
            "--roster",
            "roster.csv",
            "--from",
            today.minusDays(9).toString(),
            "--to",
            today.minusDays(1).toString()
        };
        assertEquals(
                0,
                FbxProcess.run(
                        dir,
                        env,
                        "report-db",
                        concat(report, "--db", pg.url(whole), "-o", "db.html", "--csv", "db.csv")),
                () -> err("report-db"));
        assertEquals(
                0,
                FbxProcess.run(
                        dir, env, "report-in", concat(report, "--in", "out", "-o", "in.html", "--csv", "in.csv")),
                () -> err("report-in"));
        String csv = Files.readString(dir.resolve("db.csv"));
        assertEquals(1 + 7 * 9, csv.lines().count());
        assertEquals(Files.readString(dir.resolve("in.csv")), csv);
    }

    @Test
    void runsKilledAndStartedAgainEndWithTheRowsOfAnUninterruptedRun() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed;
        StringBuilder roster = new StringBuilder("participant,token_file,archive\n");
        for (String p : List.of("a", "b", "c")) {
            TokenFiles.write(
                    dir.resolve(p + ".json"),
                    "{\"client_id\":\"CLIENT\",\"access_token\":\"ACCESS-" + p + "\",\"refresh_token\":\"REFRESH-" + p
                            + "\",\"expires_at\":\"" + Instant.now().plusSeconds(3600)
                            + "\",\"timezone\":\"Europe/Berlin\"}");
            roster.append(p).append(',').append(p).append(".json,\n");
        }
        Files.writeString(dir.resolve("roster.csv"), roster);
        WireMockServer fitbit = fake();
        fitbit.stubFor(get(urlPathMatching("/1/user/-/(activities/heart|hrv)/date/.*"))
                .willReturn(aResponse()
                        .withTransformers(FitbitDays.NAME)
                        .withTransformerParameter("delay-ms", 20)
                        .withTransformerParameter("fail-one-in", 10)));
        Map<String, String> env = env(fitbit);
        String reference = pg.createDatabase();
        String killed = pg.createDatabase();
        String[] sync = {
            "cohort",
            "sync",
            "--roster",
            "roster.csv",
            "--parallel",
            "2",
            "--since",
            today.minusDays(14).toString(),
            "--hr-detail",
            "1min",
            "--db"
        };

        assertEquals(0, FbxProcess.run(dir, env, "reference", concat(sync, pg.url(reference))), () -> err("reference"));

        // Killed after a number of answers rather than a time, which a native binary outruns: anywhere in the
        // first run's 50-odd requests, early in the later ones (each participant asks again for at least today
        // and yesterday). Answers take 20 ms, so polling every 5 ms overshoots by one or two (two at once).
        int kills = 0;
        for (int run = 0; kills < 4 && run < 12; run++) {
            String name = "killed-" + run;
            fitbit.resetRequests();
            Process process = FbxProcess.start(dir, env, name, concat(sync, pg.url(killed)));
            int answers = 1 + random.nextInt(run == 0 ? 45 : 6);
            while (process.isAlive() && fitbit.getAllServeEvents().size() < answers) {
                Thread.sleep(5);
            }
            if (process.isAlive()) {
                kills++;
                if (kills % 2 == 0) {
                    process.destroy();
                } else {
                    process.destroyForcibly();
                }
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), why);
        }
        assertEquals(4, kills, why + ": four runs killed, two with SIGKILL and two with SIGTERM");
        assertEquals(0, FbxProcess.run(dir, env, "last", concat(sync, pg.url(killed))), () -> err("last"));

        assertEquals(pg.dump(reference), pg.dump(killed), why);
        assertFalse(pg.rows(reference, Dataset.HR_1MIN, "c").isEmpty());
    }

    String err(String name) {
        try {
            return FbxProcess.output(dir, name, "err");
        } catch (IOException e) {
            return e.toString();
        }
    }
}
