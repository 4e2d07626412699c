package dev.fbx.sink.postgres;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fbx.dataset.Column;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fbx syncing into a real PostgreSQL server, as a CronJob runs it: killed with SIGKILL
 * at random moments and started again, next to a second account, and with the password only in
 * its environment.
 */
class PostgresSyncIT {
    static final List<Dataset<?>> SYNCED =
            List.of(Dataset.HR_DAY, Dataset.HRV_DAY, Dataset.HR_1MIN, Dataset.HRV_INTRADAY);
    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
    final TestPostgres pg = TestPostgres.server();
    WireMockServer api;
    Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeEach
    void startApi() {
        api = fitbit("ABC123", 0);
        env = env(api, TestPostgres.PASSWORD);
        TokenFiles.valid(dir, "Europe/Berlin");
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    WireMockServer fitbit(String userId, int delayMs) {
        WireMockServer server = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").extensions(new FitbitDays()));
        server.start();
        server.stubFor(get("/1/user/-/profile.json")
                .willReturn(okJson("{\"user\":{\"encodedId\":\"" + userId
                        + "\",\"displayName\":\"P\",\"timezone\":\"Europe/Berlin\"}}")));
        server.stubFor(get("/1/user/-/devices.json").willReturn(okJson("[]")));
        server.stubFor(get(urlPathMatching("/1/user/-/(activities/heart|hrv)/date/.*"))
                .willReturn(aResponse()
                        .withTransformers(FitbitDays.NAME)
                        .withTransformerParameter("delay-ms", delayMs)
                        .withTransformerParameter("fail-one-in", 10)));
        return server;
    }

    static Map<String, String> env(WireMockServer api, String password) {
        Map<String, String> env = new HashMap<>(Map.of(
                "FBX_FITBIT_API_URL",
                "http://127.0.0.1:" + api.port(),
                "FBX_RETRY_ATTEMPTS",
                "8",
                "FBX_RETRY_INITIAL_DELAY_MS",
                "1",
                "FBX_RETRY_MAX_DELAY_MS",
                "20",
                "HOME",
                "/nonexistent"));
        if (password != null) {
            env.put("FBX_DB_PASSWORD", password);
        }
        return env;
    }

    String[] sync(int days, String... target) {
        List<String> args = new ArrayList<>(List.of(
                "--token-file",
                "fb_conf.json",
                "sync",
                "--since",
                today.minusDays(days).toString(),
                "--hr-detail",
                "1min",
                "--hrv-detail",
                "intraday"));
        args.addAll(List.of(target));
        return args.toArray(String[]::new);
    }

    @Test
    void runsKilledAtRandomAndRestartedLeaveTheRowsOfAnUninterruptedRun() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String reference = pg.createDatabase();
        String killed = pg.createDatabase();
        assertEquals(
                0, FbxProcess.run(dir, env, "reference", sync(45, "--db", pg.url(reference))), () -> err("reference"));

        // Killed after a number of answers rather than a time, which a native binary outruns: anywhere in
        // the first run's 50-odd requests, early in the later ones, which fetch at least today and
        // yesterday of four datasets (7 requests with the account's profile). Answers take 20 ms, so
        // polling every 5 ms overshoots by one at most.
        api.stop();
        api = fitbit("ABC123", 20);
        env = env(api, TestPostgres.PASSWORD);
        int kills = 0;
        for (int run = 0; kills < 3 && run < 10; run++) {
            String name = "killed-" + run;
            api.resetRequests();
            Process process = FbxProcess.start(dir, env, name, sync(45, "--db", pg.url(killed)));
            int answers = 1 + random.nextInt(run == 0 ? 45 : 4);
            while (process.isAlive() && api.getAllServeEvents().size() < answers) {
                Thread.sleep(5);
            }
            if (process.isAlive()) {
                process.destroyForcibly();
                kills++;
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "seed " + seed);
        }
        assertEquals(3, kills, "seed " + seed + ": three runs killed");
        assertEquals(0, FbxProcess.run(dir, env, "last", sync(45, "--db", pg.url(killed))), () -> err("last"));

        for (Dataset<?> dataset : SYNCED) {
            List<String> expected = rows(reference, dataset, "ABC123");
            assertFalse(expected.isEmpty(), dataset.id());
            assertEquals(expected, rows(killed, dataset, "ABC123"), "seed " + seed + ": " + dataset.id());
        }
        assertEquals(progress(reference), progress(killed), "seed " + seed);
    }

    /**
     * An archive sync, then a Google sync of the same person: one account, keyed by the Fitbit user
     * id that the archive's profile and Google's identity (legacyUserId) both name, one timeline.
     */
    @Test
    void anArchiveSyncAndAGoogleSyncOfOnePersonAreOneAccount() throws Exception {
        String db = pg.createDatabase();
        LocalDate first = LocalDate.of(2024, 10, 25);
        LocalDate last = LocalDate.of(2024, 11, 10);
        Path zip = new TakeoutArchive(
                        TakeoutArchive.Layout.TAKEOUT_FITBIT,
                        ZoneId.of("America/New_York"),
                        "America/New_York",
                        first,
                        last,
                        600,
                        3)
                .zip(dir.resolve("takeout.zip"));
        WireMockServer google = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").extensions(new GoogleDays()));
        google.start();
        try {
            google.stubFor(get("/v4/users/me/identity")
                    .willReturn(okJson("{\"healthUserId\":\"g-health-1\",\"legacyUserId\":\"7XYZ42\"}")));
            google.stubFor(get(urlPathMatching("/v4/users/me/dataTypes/.*"))
                    .willReturn(aResponse().withTransformers(GoogleDays.NAME)));
            TokenFiles.write(
                    dir.resolve("google.json"),
                    "{\"provider\":\"google\",\"client_id\":\"C\",\"client_secret\":\"S\",\"access_token\":\"A\","
                            + "\"refresh_token\":\"R\",\"expires_at\":\"2999-01-01T00:00:00Z\","
                            + "\"timezone\":\"America/New_York\"}");
            Map<String, String> googleEnv = new HashMap<>(env);
            googleEnv.put("FBX_GOOGLE_API_URL", "http://127.0.0.1:" + google.port());

            assertEquals(
                    0,
                    FbxProcess.run(
                            dir,
                            env,
                            "archive",
                            "--archive",
                            zip.toString(),
                            "sync",
                            "--db",
                            pg.url(db),
                            "--types",
                            "hrv"),
                    () -> err("archive"));
            assertEquals(
                    0,
                    FbxProcess.run(
                            dir,
                            googleEnv,
                            "google",
                            "--token-file",
                            "google.json",
                            "sync",
                            "--db",
                            pg.url(db),
                            "--types",
                            "hrv"),
                    () -> err("google"));

            try (Connection c = pg.admin(db);
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT account, min(date), count(*), count(*) = max(date) - min(date) + 1"
                                    + " - 2 FROM fbx_hrv_day GROUP BY 1")) {
                assertTrue(rs.next());
                assertEquals("7XYZ42", rs.getString(1));
                assertEquals(first.plusDays(1), rs.getObject(2, LocalDate.class), "the archive's first night");
                assertTrue(
                        rs.getBoolean(4),
                        "every night since, but the two the archive's person did not wear it: " + rs.getLong(3));
                assertFalse(rs.next(), "one account");
            }
            assertEquals(List.of("7XYZ42"), pg.accounts(db));
        } finally {
            google.stop();
        }
    }

    @Test
    void theDatabaseHoldsTheRowsOfTheCsvFilesAndARerunAddsNothing() throws Exception {
        String db = pg.createDatabase();
        assertEquals(0, FbxProcess.run(dir, env, "csv", sync(20, "--out", "csv")), () -> err("csv"));
        assertEquals(0, FbxProcess.run(dir, env, "db", sync(20, "--db", pg.url(db))), () -> err("db"));
        for (Dataset<?> dataset : SYNCED) {
            assertEquals(csvRows(dir.resolve("csv"), dataset), rows(db, dataset, "ABC123"), dataset.id());
        }
        Map<Dataset<?>, List<String>> before = new HashMap<>();
        for (Dataset<?> dataset : SYNCED) {
            before.put(dataset, rows(db, dataset, "ABC123"));
        }
        assertEquals(0, FbxProcess.run(dir, env, "again", sync(20, "--db", pg.url(db))), () -> err("again"));
        for (Dataset<?> dataset : SYNCED) {
            assertEquals(before.get(dataset), rows(db, dataset, "ABC123"), dataset.id());
        }
    }

    @Test
    void aSecondAccountLandsBesideTheFirst() throws Exception {
        String db = pg.createDatabase();
        WireMockServer other = fitbit("XYZ789", 0);
        try {
            Path second = Files.createDirectories(dir.resolve("second"));
            TokenFiles.valid(second, "Europe/Berlin");
            assertEquals(0, FbxProcess.run(dir, env, "first", sync(10, "--db", pg.url(db))), () -> err("first"));
            assertEquals(
                    0,
                    FbxProcess.run(second, env(other, TestPostgres.PASSWORD), "second", sync(10, "--db", pg.url(db))),
                    () -> err(second, "second"));
            try (Connection c = pg.admin(db);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT account, count(*) FROM fbx_hr_1min GROUP BY 1 ORDER BY 1")) {
                List<String> counts = new ArrayList<>();
                while (rs.next()) {
                    counts.add(rs.getString(1) + " " + rs.getLong(2));
                }
                assertEquals(2, counts.size(), counts.toString());
                assertEquals(
                        counts.get(0).split(" ")[1],
                        counts.get(1).split(" ")[1],
                        "the same days of the same fake: " + counts);
            }
            assertEquals(rows(db, Dataset.HRV_DAY, "ABC123"), rows(db, Dataset.HRV_DAY, "XYZ789"));
        } finally {
            other.stop();
        }
    }

    @Test
    void thePasswordIsInNoArgumentAndNoOutput() throws Exception {
        String db = pg.createDatabase();
        WireMockServer slow = fitbit("ABC123", 200);
        try {
            Process process =
                    FbxProcess.start(dir, env(slow, TestPostgres.PASSWORD), "slow", sync(5, "--db", pg.url(db)));
            while (process.isAlive() && slow.getAllServeEvents().size() < 2) {
                Thread.sleep(10);
            }
            String cmdline = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertTrue(cmdline.contains(pg.url(db)), cmdline);
            assertFalse(cmdline.contains(TestPostgres.PASSWORD), cmdline);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, process.exitValue(), () -> err("slow"));
            assertFalse(err("slow").contains(TestPostgres.PASSWORD));
        } finally {
            slow.stop();
        }
        String withPassword =
                pg.url(db).replace(TestPostgres.USER + "@", TestPostgres.USER + ":" + TestPostgres.PASSWORD + "@");
        assertEquals(64, FbxProcess.run(dir, env, "in-url", sync(5, "--db", withPassword)));
        assertFalse(err("in-url").contains(TestPostgres.PASSWORD), err("in-url"));
        assertTrue(err("in-url").contains("FBX_DB_PASSWORD"), err("in-url"));
        assertEquals(
                78, FbxProcess.run(dir, env(api, "wrong"), "wrong", sync(5, "--db", pg.url(db))), () -> err("wrong"));
        assertEquals(
                64, FbxProcess.run(dir, env, "both", sync(5, "--db", pg.url(db), "--out", "x")), () -> err("both"));
    }

    @Test
    void aSecondSyncOfTheSameAccountIsRefusedWhileTheFirstGoesOn() throws Exception {
        String db = pg.createDatabase();
        WireMockServer slow = fitbit("ABC123", 300);
        try {
            Map<String, String> slowEnv = env(slow, TestPostgres.PASSWORD);
            slowEnv.put("FBX_DB_URL", pg.url(db));
            // About 40 requests of 0.3 s: the first is still at it when the second starts.
            Process first = FbxProcess.start(dir, slowEnv, "first", sync(35));
            while (first.isAlive() && slow.getAllServeEvents().size() < 6) {
                Thread.sleep(20);
            }
            assertTrue(first.isAlive(), () -> err("first"));
            assertEquals(75, FbxProcess.run(dir, slowEnv, "second", sync(35)), () -> err("second"));
            assertTrue(err("second").contains("Another fbx sync is writing account ABC123"), err("second"));
            assertTrue(first.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, first.exitValue(), () -> err("first"));
        } finally {
            slow.stop();
        }
    }

    List<String> rows(String db, Dataset<?> dataset, String account) throws SQLException {
        return pg.rows(db, dataset, account);
    }

    /** The rows of every {@code DIR/<dataset>/*.csv}, normalised like {@link #rows}. */
    static List<String> csvRows(Path out, Dataset dataset) throws IOException {
        TreeMap<String, String> byKey = new TreeMap<>();
        int key = dataset.columnNames().indexOf(dataset.key());
        try (Stream<Path> files = Files.list(out.resolve(dataset.id()))) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] values = line.split(",", -1);
                    List<String> fields = new ArrayList<>();
                    List<Column> columns = dataset.columns();
                    for (int i = 0; i < columns.size(); i++) {
                        fields.add(TestPostgres.normal(columns.get(i).type(), values[i].isEmpty() ? null : values[i]));
                    }
                    byKey.put(fields.get(key), String.join(",", fields));
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }

    List<String> progress(String db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.admin(db);
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT account, dataset, day FROM fbx_sync_progress ORDER BY 1, 2, 3")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return rows;
    }

    String err(String name) {
        return err(dir, name);
    }

    static String err(Path dir, String name) {
        try {
            return FbxProcess.output(dir, name, "err");
        } catch (IOException e) {
            return e.toString();
        }
    }
}
