package dev.fbx.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Rows;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.Row;
import dev.fbx.record.Sleep;
import dev.fbx.sink.Sink;
import dev.fbx.support.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sync database read back per account: the records the sink was given, in the account's zone, and nothing of another account. */
class SyncDatabaseTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2024, 3, 31);

    final TestPostgres pg = TestPostgres.server();
    String database;
    PostgresUrl url;

    @BeforeEach
    void newDatabase() {
        database = pg.createDatabase();
        url = PostgresUrl.parse(pg.url(database), Map.of());
    }

    /** Across Berlin's spring clock change: 01:30 is +01:00, 03:30 is +02:00. */
    final List<HeartRateSample> samples = List.of(
            new HeartRateSample(OffsetDateTime.parse("2024-03-31T01:30:00+01:00"), 61.0),
            new HeartRateSample(OffsetDateTime.parse("2024-03-31T03:30:00+02:00"), 58.5));

    final Sleep night = new Sleep(
            DAY,
            OffsetDateTime.parse("2024-03-30T23:10:00+01:00"),
            OffsetDateTime.parse("2024-03-31T07:05:00+02:00"),
            true,
            420,
            35,
            60,
            250,
            110,
            35);

    void sync(
            String account, LocalDate day, List<? extends Row> hr, List<? extends Row> hrv, List<? extends Row> sleep) {
        try (PostgresSink sink = PostgresSink.open(url, Optional.of(TestPostgres.PASSWORD), account)) {
            sink.since(day);
            sink.zone(BERLIN);
            write(sink, Dataset.HR_1MIN, day, hr);
            write(sink, Dataset.HRV_DAY, day, hrv);
            write(sink, Dataset.SLEEP, day, sleep);
        }
    }

    static void write(Sink sink, Dataset<?> dataset, LocalDate day, List<? extends Row> rows) {
        try (Sink.Day d = sink.begin(dataset, day)) {
            rows.forEach(d);
            d.commit(true);
        }
    }

    static <R extends Row> List<R> read(Rows rows, Dataset<R> dataset, DateRange range) {
        List<R> read = new ArrayList<>();
        rows.read(dataset, range, read::add);
        return read;
    }

    @Test
    void anAccountsRowsComeBackAsTheRecordsWrittenWithTheirLocalOffsets() {
        sync("p1", DAY, samples, List.of(new HrvDay(DAY, 41.5, null, null, null)), List.of(night));
        sync("p2", DAY.plusDays(1), samples, List.of(), List.of());

        try (SyncDatabase db = SyncDatabase.open(url, Optional.of(TestPostgres.PASSWORD))) {
            Rows p1 = db.rows("p1");
            DateRange range = new DateRange(DAY.minusDays(1), DAY.plusDays(1));
            assertEquals(samples, read(p1, Dataset.HR_1MIN, range));
            assertEquals(List.of(new HrvDay(DAY, 41.5, null, null, null)), read(p1, Dataset.HRV_DAY, range));
            assertEquals(List.of(night), read(p1, Dataset.SLEEP, range));
            assertEquals(List.of(), read(p1, Dataset.HR_1MIN, DateRange.of(DAY.plusDays(1))), "a day outside");

            assertTrue(p1.has(Dataset.HR_1MIN));
            assertFalse(p1.has(Dataset.HR_1SEC), "no such table");
            assertFalse(db.rows("p2").has(Dataset.HRV_DAY), "p2's nights are empty");
            assertFalse(db.rows("nobody").has(Dataset.HR_1MIN));
            assertEquals(Optional.of(DAY), p1.newest(Dataset.HR_1MIN));
            assertEquals(Optional.empty(), db.rows("p2").newest(Dataset.HRV_DAY));
            assertEquals(Optional.of(BERLIN), db.zone("p1"));
            assertEquals(Optional.empty(), db.zone("nobody"));
        }
    }

    @Test
    void aColumnATableLacksReadsAsEmpty() throws Exception {
        sync("p1", DAY, samples, List.of(new HrvDay(DAY, 41.5, 50.0, null, null)), List.of(night));
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement()) {
            st.execute("ALTER TABLE fbx_hrv_day DROP COLUMN deep_rmssd");
        }
        try (SyncDatabase db = SyncDatabase.open(url, Optional.of(TestPostgres.PASSWORD))) {
            assertEquals(
                    List.of(new HrvDay(DAY, 41.5, null, null, null)),
                    read(db.rows("p1"), Dataset.HRV_DAY, DateRange.of(DAY)));
        }
    }
}
