package dev.fbx.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.Sleep;
import dev.fbx.sink.Sink;
import dev.fbx.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database sink against a real PostgreSQL server: what a day's commit leaves, and what it refuses. */
class PostgresSinkTest {
    static final LocalDate DAY = LocalDate.of(2024, 3, 30);
    static final ZoneOffset CET = ZoneOffset.ofHours(1);

    TestPostgres pg = TestPostgres.server();
    String database;
    PostgresUrl url;

    @BeforeEach
    void newDatabase() {
        database = pg.createDatabase();
        url = PostgresUrl.parse(pg.url(database), Map.of());
    }

    PostgresSink open(String account) {
        return PostgresSink.open(url, Optional.of(TestPostgres.PASSWORD), account);
    }

    static List<HeartRateSample> minutes(LocalDate day, int count, int base) {
        List<HeartRateSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(new HeartRateSample(day.atTime(0, 0).plusMinutes(i).atOffset(CET), base + i % 7));
        }
        return samples;
    }

    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    fields.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join(",", fields));
            }
        }
        return rows;
    }

    void write(
            Sink sink, Dataset<?> dataset, LocalDate day, List<? extends dev.fbx.record.Row> rows, boolean complete) {
        try (Sink.Day d = sink.begin(dataset, day)) {
            rows.forEach(d);
            d.commit(complete);
        }
    }

    @Test
    void aDayIsReplacedWholeWithTypedColumnsAndItsProgress() throws SQLException {
        try (PostgresSink sink = open("A1")) {
            write(sink, Dataset.HR_1MIN, DAY, minutes(DAY, 1440, 60), true);
            write(sink, Dataset.HR_1MIN, DAY, minutes(DAY, 1440, 60), true);
            write(sink, Dataset.HR_DAY, DAY, List.of(new HeartRateDay(DAY, 58, 1000, 30, 5, 0)), true);
        }
        assertEquals(
                List.of("1440,60.0,66.0"), rows("SELECT count(*), min(heart_rate), max(heart_rate) FROM fbx_hr_1min"));
        assertEquals(
                List.of("2024-03-29 23:00:00+00,2024-03-30"),
                rows(
                        "SELECT to_char(min(time) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00', min(day) FROM fbx_hr_1min"));
        assertEquals(List.of("A1,2024-03-30,58,1000,30,5,0"), rows("SELECT * FROM fbx_hr_day"));
        assertEquals(
                List.of("timestamp with time zone", "double precision", "date"),
                rows(
                        "SELECT data_type FROM information_schema.columns WHERE table_name = 'fbx_hr_1min' AND column_name <> 'account'"
                                + " ORDER BY ordinal_position"));
        assertEquals(
                List.of("A1,hr-1min,2024-03-30", "A1,hr-day,2024-03-30"),
                rows("SELECT * FROM fbx_sync_progress ORDER BY dataset"));
    }

    @Test
    void aDayClosedWithoutCommitLeavesTheDayAsItWas() throws SQLException {
        try (PostgresSink sink = open("A1")) {
            write(sink, Dataset.HR_1MIN, DAY, minutes(DAY, 10, 60), true);
            try (Sink.Day d = sink.begin(Dataset.HR_1MIN, DAY)) {
                minutes(DAY, 1440, 90).forEach(d);
            }
        }
        assertEquals(List.of("10,60.0"), rows("SELECT count(*), min(heart_rate) FROM fbx_hr_1min"));
    }

    @Test
    void missingDaysAreTheOnesNotCommittedAsFinal() {
        try (PostgresSink sink = open("A1")) {
            assertNull(sink.since());
            sink.since(DAY.minusDays(5));
            assertEquals(DAY.minusDays(5), sink.since());
            write(sink, Dataset.HR_DAY, DAY.minusDays(3), List.of(), true);
            write(
                    sink,
                    Dataset.HR_DAY,
                    DAY.minusDays(2),
                    List.of(new HeartRateDay(DAY.minusDays(2), 58, null, null, null, null)),
                    true);
            write(sink, Dataset.HR_DAY, DAY, List.of(new HeartRateDay(DAY, 57, null, null, null, null)), false);
            assertEquals(
                    List.of(new DateRange(DAY.minusDays(5), DAY.minusDays(4)), new DateRange(DAY.minusDays(1), DAY)),
                    sink.missing(Dataset.HR_DAY, new DateRange(DAY.minusDays(5), DAY)));
            assertEquals(Optional.of(DAY), sink.newestData(Dataset.HR_DAY));
            assertEquals(Optional.empty(), sink.newestData(Dataset.SPO2));
        }
    }

    @Test
    void twoAccountsShareTheTablesAndEachHoldsItsOwnLock() throws SQLException {
        OffsetDateTime start = DAY.atTime(23, 10).atOffset(CET);
        Sleep nap = new Sleep(
                DAY,
                DAY.atTime(14, 0).atOffset(CET),
                DAY.atTime(14, 30).atOffset(CET),
                false,
                28,
                2,
                null,
                null,
                null,
                null);
        try (PostgresSink a = open("A1");
                PostgresSink b = open("B2")) {
            FbxException held = assertThrows(FbxException.class, () -> open("A1"));
            assertEquals(FbxException.RATE_LIMITED, held.exitCode());
            assertTrue(held.getMessage().contains("account A1"), held.getMessage());
            write(a, Dataset.HR_1MIN, DAY, minutes(DAY, 100, 60), true);
            write(b, Dataset.HR_1MIN, DAY, minutes(DAY, 50, 70), true);
            write(
                    b,
                    Dataset.SLEEP,
                    DAY,
                    List.of(
                            nap,
                            new Sleep(
                                    DAY,
                                    start.minusDays(1),
                                    start.minusDays(1).plusHours(8),
                                    true,
                                    450,
                                    30,
                                    90,
                                    250,
                                    110,
                                    30)),
                    true);
            write(a, Dataset.HR_1MIN, DAY, minutes(DAY, 20, 60), true);
        }
        assertEquals(
                List.of("A1,20", "B2,50"),
                rows("SELECT account, count(*) FROM fbx_hr_1min GROUP BY account ORDER BY account"));
        assertEquals(
                List.of("B2,false,28", "B2,true,450"),
                rows("SELECT account, main_sleep, minutes_asleep FROM fbx_sleep ORDER BY start DESC"));
        try (PostgresSink again = open("A1")) {
            assertEquals(Optional.of(DAY), again.newestData(Dataset.HR_1MIN));
        }
    }

    @Test
    void aTableMadeBeforeADatasetGainedColumnsGetsThemAndKeepsItsRows() throws SQLException {
        // fbx_hrv_day as fbx made it before hrv gained nrem_heart_rate and entropy, with a night in it.
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fbx_hrv_day (account text NOT NULL, \"date\" date NOT NULL,"
                    + " \"daily_rmssd\" double precision, \"deep_rmssd\" double precision,"
                    + " PRIMARY KEY (account, \"date\"))");
            st.execute("INSERT INTO fbx_hrv_day VALUES ('A1', '2024-03-29', 41.5, 44.0)");
            st.execute("ALTER TABLE fbx_hrv_day OWNER TO " + TestPostgres.USER);
        }

        try (PostgresSink sink = open("A1")) {
            write(sink, Dataset.HRV_DAY, DAY, List.of(new HrvDay(DAY, 40.25, null, 52.0, 2.412)), true);
        }

        assertEquals(
                List.of("date", "daily_rmssd", "deep_rmssd", "nrem_heart_rate", "entropy"),
                rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'fbx_hrv_day'"
                        + " AND column_name <> 'account' ORDER BY ordinal_position"));
        assertEquals(
                List.of("A1,2024-03-29,41.5,44.0,null,null", "A1,2024-03-30,40.25,null,52.0,2.412"),
                rows("SELECT * FROM fbx_hrv_day ORDER BY date"));
    }

    /** docs/sync.md's statement that moves rows stored under Google's healthUserId to the Fitbit user id. */
    @Test
    void theDocumentedStatementMovesAnAccountsRowsToItsFitbitIdWhereGooglesRowsWin() throws Exception {
        LocalDate before = DAY.minusDays(1);
        LocalDate after = DAY.plusDays(1);
        try (PostgresSink archive = open("7XYZ42")) {
            archive.since(before);
            write(archive, Dataset.HRV_DAY, before, List.of(new HrvDay(before, 30.0, null, null, null)), true);
            write(archive, Dataset.HRV_DAY, DAY, List.of(new HrvDay(DAY, 31.0, null, null, null)), true);
            write(archive, Dataset.HR_1MIN, DAY, minutes(DAY, 3, 60), true);
        }
        try (PostgresSink google = open("g-health-1")) {
            google.since(DAY);
            write(google, Dataset.HRV_DAY, DAY, List.of(new HrvDay(DAY, 32.5, 35.0, 52.0, 2.4)), true);
            write(google, Dataset.HRV_DAY, after, List.of(new HrvDay(after, 33.0, 36.0, 51.0, 2.3)), true);
            write(google, Dataset.HR_1MIN, DAY, minutes(DAY, 3, 70), true);
        }
        String docs = Files.readString(Path.of("docs/sync.md"));
        String block = docs.substring(docs.indexOf("```sql", docs.indexOf("**One person, one account:**")) + 6);
        String sql = block.substring(0, block.indexOf("```"))
                .replace("HEALTH_USER_ID", "g-health-1")
                .replace("FITBIT_USER_ID", "7XYZ42");

        try (Connection c = pg.admin(database);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }

        assertEquals(
                List.of("7XYZ42,2024-03-29,30.0,null", "7XYZ42,2024-03-30,32.5,35.0", "7XYZ42,2024-03-31,33.0,36.0"),
                rows("SELECT account, date, daily_rmssd, deep_rmssd FROM fbx_hrv_day ORDER BY date"));
        assertEquals(
                List.of("7XYZ42,3,70.0"),
                rows("SELECT account, count(*), min(heart_rate) FROM fbx_hr_1min GROUP BY 1"));
        assertEquals(List.of("7XYZ42,2024-03-29"), rows("SELECT account, since FROM fbx_sync_account"));
        assertEquals(
                List.of(
                        "7XYZ42,hr-1min,2024-03-30",
                        "7XYZ42,hrv-day,2024-03-29",
                        "7XYZ42,hrv-day,2024-03-30",
                        "7XYZ42,hrv-day,2024-03-31"),
                rows("SELECT * FROM fbx_sync_progress ORDER BY dataset, day"));
    }

    @Test
    void aTableOfAnotherShapeIsRefusedAndNothingIsCreated() throws SQLException {
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fbx_hrv_day (account text, date text, rmssd real)");
            st.execute("ALTER TABLE fbx_hrv_day OWNER TO " + TestPostgres.USER);
        }
        FbxException e = assertThrows(FbxException.class, () -> open("A1"));
        assertEquals(FbxException.CONFIG, e.exitCode());
        assertTrue(
                e.getMessage()
                        .startsWith("The table fbx_hrv_day in postgresql://fbx@127.0.0.1:" + pg.port() + "/" + database
                                + " has other columns than fbx writes"),
                e.getMessage());
        assertEquals(
                List.of("fbx_hrv_day"),
                rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    @Test
    void tablesOfAnEarlierFbxGetTheColumnsAddedSinceAndKeepTheirRows() throws SQLException {
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement()) {
            // As an earlier fbx made them: the account without its zone, and a dataset with a column fewer.
            st.execute("CREATE TABLE fbx_sync_account (account text PRIMARY KEY, since date NOT NULL)");
            st.execute("INSERT INTO fbx_sync_account VALUES ('A1', '2024-01-01')");
            st.execute("CREATE TABLE fbx_spo2 (account text NOT NULL, date date NOT NULL, avg double precision,"
                    + " min double precision, PRIMARY KEY (account, date))");
            st.execute("INSERT INTO fbx_spo2 VALUES ('A1', '2024-01-02', 95.5, 93)");
            st.execute("ALTER TABLE fbx_sync_account OWNER TO " + TestPostgres.USER);
            st.execute("ALTER TABLE fbx_spo2 OWNER TO " + TestPostgres.USER);
        }
        try (PostgresSink sink = open("A1")) {
            assertEquals(Optional.empty(), sink.zone());
            sink.zone(java.time.ZoneId.of("Europe/Berlin"));
            assertEquals(Optional.of(java.time.ZoneId.of("Europe/Berlin")), sink.zone());
            assertEquals(LocalDate.of(2024, 1, 1), sink.since());
        }
        assertEquals(
                List.of("A1,2024-01-02,95.5,93.0,null"), rows("SELECT account, date, avg, min, max FROM fbx_spo2"));
        assertEquals(List.of("A1,2024-01-01,Europe/Berlin"), rows("SELECT account, since, zone FROM fbx_sync_account"));
    }

    @Test
    void aConnectionDroppedBeforeTheCommitIsOpenedAgainAndTheDayWrittenOnce() throws SQLException {
        try (PostgresSink sink = open("A1")) {
            write(sink, Dataset.HR_1MIN, DAY, minutes(DAY, 30, 60), true);
            try (Sink.Day d = sink.begin(Dataset.HR_1MIN, DAY)) {
                minutes(DAY, 1440, 80).forEach(d);
                assertEquals(
                        List.of("t"),
                        rows("SELECT bool_and(pg_terminate_backend(pid))::text FROM pg_stat_activity"
                                        + " WHERE usename = 'fbx' AND datname = current_database()")
                                .stream()
                                .map(s -> s.substring(0, 1))
                                .toList());
                d.commit(true);
            }
            write(sink, Dataset.HR_DAY, DAY, List.of(new HeartRateDay(DAY, 58, null, null, null, null)), true);
        }
        assertEquals(List.of("1440,80.0"), rows("SELECT count(*), min(heart_rate) FROM fbx_hr_1min"));
        assertEquals(List.of("2"), rows("SELECT count(*) FROM fbx_sync_progress"));
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorAndNoServerIsUnavailableOutput() {
        FbxException wrong =
                assertThrows(FbxException.class, () -> PostgresSink.open(url, Optional.of("not-it"), "A1"));
        assertEquals(FbxException.CONFIG, wrong.exitCode());
        assertFalse(wrong.getMessage().contains("not-it"));
        FbxException none = assertThrows(FbxException.class, () -> PostgresSink.open(url, Optional.empty(), "A1"));
        assertEquals(FbxException.CONFIG, none.exitCode());
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        PostgresUrl nowhere = PostgresUrl.parse("postgresql://fbx@127.0.0.1:" + closed + "/x", Map.of());
        FbxException unreachable =
                assertThrows(FbxException.class, () -> PostgresSink.open(nowhere, Optional.empty(), "A1"));
        assertEquals(FbxException.IO_ERROR, unreachable.exitCode());
    }

    @Test
    void aDatabaseThatRefusesWritesIsOutputFailing() throws SQLException {
        try (PostgresSink sink = open("A1")) {
            write(sink, Dataset.HR_DAY, DAY.minusDays(1), List.of(), true);
            try (Connection c = pg.admin(database);
                    Statement st = c.createStatement()) {
                st.execute("ALTER TABLE fbx_hr_day OWNER TO postgres");
                st.execute("REVOKE ALL ON fbx_hr_day FROM " + TestPostgres.USER);
            }
            FbxException e = assertThrows(
                    FbxException.class,
                    () -> write(
                            sink,
                            Dataset.HR_DAY,
                            DAY,
                            List.of(new HeartRateDay(DAY, 58, null, null, null, null)),
                            true));
            assertEquals(FbxException.IO_ERROR, e.exitCode());
            assertEquals(
                    List.of(new DateRange(DAY, DAY)),
                    sink.missing(Dataset.HR_DAY, new DateRange(DAY.minusDays(1), DAY)));
        }
    }
}
