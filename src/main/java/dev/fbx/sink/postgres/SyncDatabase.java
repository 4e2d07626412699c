package dev.fbx.sink.postgres;

import dev.fbx.FbxException;
import dev.fbx.dataset.Column;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Rows;
import dev.fbx.record.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code fbx sync --db} and {@code fbx cohort sync --db} wrote, read back without any request:
 * one account's rows ({@link #rows}; a cohort's participant's, by their id) and its time zone.
 * Reading takes no lock, so a sync may run meanwhile; each query sees the days committed before it.
 * Times come back in the account's zone, as a {@code timestamptz} no longer knows the offset it
 * was written with; a table made before a dataset's column was added reads that column as empty.
 */
public final class SyncDatabase implements AutoCloseable {
    /** Rows fetched per round trip: a month of 1-second heart rate is millions, which are streamed, not held. */
    private static final int FETCH = 10_000;

    private final PostgresUrl url;
    private final Connection db;
    /** The columns each table has, by table; a table that does not exist has none. */
    private final Map<String, Set<String>> columns = new HashMap<>();

    private SyncDatabase(PostgresUrl url, Connection db) {
        this.url = url;
        this.db = db;
    }

    /** @param password from {@link PostgresUrl#password}; empty when none was found */
    public static SyncDatabase open(PostgresUrl url, Optional<String> password) {
        return new SyncDatabase(url, Login.connect(url, password));
    }

    public String describe() {
        return url.toString();
    }

    /** The account's time zone as its last sync recorded it; empty when none did. */
    public Optional<ZoneId> zone(String account) {
        return query("read the time zone of " + account, () -> zone(db, account));
    }

    /** One account's rows, as {@link Rows}. */
    public Rows rows(String account) {
        ZoneId zone = zone(account).orElse(ZoneOffset.UTC);
        return new Rows() {
            @Override
            public boolean has(Dataset<?> dataset) {
                return query("look for " + dataset.id() + " of " + account, () -> {
                    if (!exists(db, Tables.name(dataset))) {
                        return false;
                    }
                    try (PreparedStatement st = db.prepareStatement(
                            "SELECT 1 FROM " + Tables.name(dataset) + " WHERE account = ? LIMIT 1")) {
                        st.setString(1, account);
                        try (ResultSet rs = st.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
            }

            @Override
            public <R extends Row> void read(Dataset<R> dataset, DateRange range, Consumer<? super R> out) {
                query("read " + dataset.id() + " of " + account, () -> {
                    SyncDatabase.this.read(dataset, account, zone, range, out);
                    return null;
                });
            }

            @Override
            public Optional<LocalDate> newest(Dataset<?> dataset) {
                return query("read the newest day of " + dataset.id(), () -> SyncDatabase.newest(db, dataset, account));
            }
        };
    }

    private <R extends Row> void read(
            Dataset<R> dataset, String account, ZoneId zone, DateRange range, Consumer<? super R> out)
            throws SQLException {
        Set<String> present = columns(Tables.name(dataset));
        if (present.isEmpty()) {
            return;
        }
        // The dataset's columns the table has, by their place in the select list (after the day).
        List<Integer> read = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT ").append(Tables.quote(Tables.dayColumn(dataset)));
        for (int i = 0; i < dataset.columns().size(); i++) {
            if (present.contains(dataset.columns().get(i).name())) {
                read.add(i);
                select.append(", ").append(Tables.quote(dataset.columns().get(i).name()));
            }
        }
        select.append(" FROM ")
                .append(Tables.name(dataset))
                .append(" WHERE account = ? AND ")
                .append(Tables.quote(Tables.dayColumn(dataset)))
                .append(" BETWEEN ? AND ? ORDER BY ")
                .append(Tables.quote(dataset.key()));
        try (PreparedStatement st = db.prepareStatement(select.toString())) {
            st.setFetchSize(FETCH);
            st.setString(1, account);
            st.setObject(2, range.start());
            st.setObject(3, range.end());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Object[] values = new Object[dataset.columns().size()];
                    for (int i = 0; i < read.size(); i++) {
                        int column = read.get(i);
                        values[column] = value(rs, i + 2, dataset.columns().get(column), zone);
                    }
                    out.accept(dataset.record(rs.getObject(1, LocalDate.class), values));
                }
            }
        }
    }

    private static Object value(ResultSet rs, int index, Column<?> column, ZoneId zone) throws SQLException {
        return switch (column.type()) {
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIMESTAMP -> {
                OffsetDateTime utc = rs.getObject(index, OffsetDateTime.class);
                yield utc == null ? null : utc.atZoneSameInstant(zone).toOffsetDateTime();
            }
            case INTEGER -> rs.getObject(index, Integer.class);
            case DECIMAL -> rs.getObject(index, Double.class);
            case BOOLEAN -> rs.getObject(index, Boolean.class);
            case TEXT -> rs.getString(index);
        };
    }

    /** The columns of {@code table}, empty when there is no such table. */
    private Set<String> columns(String table) throws SQLException {
        Set<String> known = columns.get(table);
        if (known != null) {
            return known;
        }
        Set<String> found = new HashSet<>();
        try (PreparedStatement st = db.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        columns.put(table, found);
        return found;
    }

    /** The newest day that holds rows of {@code dataset} for {@code account}; the sink's and the reader's. */
    static Optional<LocalDate> newest(Connection db, Dataset<?> dataset, String account) throws SQLException {
        if (!exists(db, Tables.name(dataset))) {
            return Optional.empty();
        }
        try (PreparedStatement st = db.prepareStatement("SELECT max(" + Tables.quote(Tables.dayColumn(dataset))
                + ") FROM " + Tables.name(dataset) + " WHERE account = ?")) {
            st.setString(1, account);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, LocalDate.class));
            }
        }
    }

    /** The account's time zone as its last sync recorded it; the sink's and the reader's. */
    static Optional<ZoneId> zone(Connection db, String account) throws SQLException {
        if (!exists(db, Tables.ACCOUNTS)) {
            return Optional.empty();
        }
        try (PreparedStatement st = db.prepareStatement("SELECT zone FROM " + Tables.ACCOUNTS + " WHERE account = ?")) {
            st.setString(1, account);
            try (ResultSet rs = st.executeQuery()) {
                return Optional.ofNullable(rs.next() ? rs.getString(1) : null).map(SyncDatabase::zoneOf);
            }
        }
    }

    static boolean exists(Connection db, String table) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static ZoneId zoneOf(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    /** Runs a query in its own transaction, which only reads; a failure is exit 74 with what it was. */
    private <T> T query(String what, Query<T> query) {
        try {
            T result = query.run();
            db.rollback();
            return result;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException gone) {
                // The connection is gone: so is its transaction.
            }
            throw FbxException.io(
                    "Could not " + what + " in " + url + " (" + e.getMessage() + "): check that the"
                            + " database runs and that its user may read the fbx tables.",
                    e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Nothing was written: nothing is lost.
        }
    }
}
