package dev.fbx.sink.postgres;

import dev.fbx.FbxException;
import dev.fbx.dataset.ColumnType;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.record.Row;
import dev.fbx.sink.Sink;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code sync --db}: one account's data in a PostgreSQL database that other accounts may share.
 * A day of a dataset is one transaction: the account's rows of that day deleted, the new ones
 * {@code COPY}ed in, and (when final) the day's row in {@code fbx_sync_progress}; a run killed at
 * any moment leaves each day as it was before or as it is after. One sync per account at a time:
 * a session advisory lock keyed by the account, which the server drops when the connection ends
 * however it ends.
 */
public final class PostgresSink implements Sink {
    /** The first key of fbx's advisory locks ("fbx1"); the second is the account's hash. */
    private static final int LOCKS = 0x66627831;
    /** The advisory lock that serialises creating tables, which two first syncs may do at once. */
    private static final int SCHEMA_LOCK = 0;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final PostgresUrl url;
    private final Optional<String> password;
    private final String account;
    private final Set<Dataset<?>> ready = new HashSet<>();
    private Connection db;

    private PostgresSink(PostgresUrl url, Optional<String> password, String account) {
        this.url = url;
        this.password = password;
        this.account = account;
    }

    /**
     * Connects, takes the account's lock, and checks every {@code fbx_} table already there before
     * anything is created: a table of another shape is exit 78 with nothing altered.
     *
     * @param password from {@link PostgresUrl#password}; empty when none was found
     */
    public static PostgresSink open(PostgresUrl url, Optional<String> password, String account) {
        return new PostgresSink(url, password, account).open();
    }

    /**
     * Connects and checks the tables as {@link #open} does, without taking any account's lock:
     * what a cohort's sync makes sure of once before its participants open the database each.
     */
    public static void check(PostgresUrl url, Optional<String> password) {
        new PostgresSink(url, password, null).open().close();
    }

    private PostgresSink open() {
        connect();
        try {
            checkSchema();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    @Override
    public String describe() {
        return url.toString();
    }

    @Override
    public LocalDate since() {
        return read("read where the sync starts", () -> {
            try (PreparedStatement st =
                    db.prepareStatement("SELECT since FROM " + Tables.ACCOUNTS + " WHERE account = ?")) {
                st.setString(1, account);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getObject(1, LocalDate.class) : null;
                }
            }
        });
    }

    @Override
    public void since(LocalDate since) {
        write("save where the sync starts", () -> {
            try (PreparedStatement st =
                    db.prepareStatement("INSERT INTO " + Tables.ACCOUNTS + " (account, since) VALUES (?, ?)"
                            + " ON CONFLICT (account) DO UPDATE SET since = excluded.since")) {
                st.setString(1, account);
                st.setObject(2, since);
                st.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ZoneId> zone() {
        return read("read the account's time zone", () -> SyncDatabase.zone(db, account));
    }

    /** Recorded with the account's row, which {@link #since(LocalDate)} made. */
    @Override
    public void zone(ZoneId zone) {
        write("save the account's time zone", () -> {
            try (PreparedStatement st =
                    db.prepareStatement("UPDATE " + Tables.ACCOUNTS + " SET zone = ? WHERE account = ?")) {
                st.setString(1, zone.getId());
                st.setString(2, account);
                st.executeUpdate();
            }
        });
    }

    @Override
    public List<DateRange> missing(Dataset<?> dataset, DateRange period) {
        table(dataset);
        Set<LocalDate> complete = read("read the progress of " + dataset.id(), () -> {
            Set<LocalDate> days = new TreeSet<>();
            try (PreparedStatement st = db.prepareStatement("SELECT day FROM " + Tables.PROGRESS
                    + " WHERE account = ? AND dataset = ? AND day BETWEEN ? AND ?")) {
                st.setString(1, account);
                st.setString(2, dataset.id());
                st.setObject(3, period.start());
                st.setObject(4, period.end());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        days.add(rs.getObject(1, LocalDate.class));
                    }
                }
            }
            return days;
        });
        List<DateRange> gaps = new ArrayList<>();
        LocalDate gapStart = null;
        for (LocalDate day = period.start(); !day.isAfter(period.end()); day = day.plusDays(1)) {
            if (complete.contains(day)) {
                if (gapStart != null) {
                    gaps.add(new DateRange(gapStart, day.minusDays(1)));
                    gapStart = null;
                }
            } else if (gapStart == null) {
                gapStart = day;
            }
        }
        if (gapStart != null) {
            gaps.add(new DateRange(gapStart, period.end()));
        }
        return gaps;
    }

    @Override
    public Optional<LocalDate> newestData(Dataset<?> dataset) {
        return read("read the newest day of " + dataset.id(), () -> SyncDatabase.newest(db, dataset, account));
    }

    @Override
    public Day begin(Dataset<?> dataset, LocalDate day) {
        table(dataset);
        return new PostgresDay(dataset, day);
    }

    @Override
    public void close() {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                // The session and its lock end with the connection either way.
            }
            db = null;
        }
    }

    /**
     * One day's rows, held as {@code COPY} text until the commit: nothing reaches the database
     * before it, so an abort has nothing to undo. A connection lost during the commit is opened
     * again and the day written once more; the server rolled the first attempt back.
     */
    private final class PostgresDay implements Day {
        private final Dataset<?> dataset;
        private final LocalDate day;
        private final StringBuilder copy = new StringBuilder();
        private final int columns;
        private final boolean withDay;

        PostgresDay(Dataset<?> dataset, LocalDate day) {
            this.dataset = dataset;
            this.day = day;
            this.columns = dataset.columns().size();
            this.withDay = Tables.hasDayColumn(dataset);
        }

        @Override
        public void accept(Row row) {
            Copy.field(copy, account);
            for (int i = 0; i < columns; i++) {
                copy.append('\t');
                Copy.value(copy, dataset.columns().get(i).type(), dataset.value(row, i));
            }
            if (withDay) {
                copy.append('\t').append(row.day());
            }
            copy.append('\n');
        }

        @Override
        public void commit(boolean complete) {
            try {
                writeDay(complete);
            } catch (SQLException e) {
                if (!lost(e)) {
                    throw refused("write " + dataset.id() + " " + day, e);
                }
                PostgresSink.this.close();
                connect();
                try {
                    writeDay(complete);
                } catch (SQLException again) {
                    throw refused("write " + dataset.id() + " " + day, again);
                }
            }
        }

        private void writeDay(boolean complete) throws SQLException {
            String table = Tables.name(dataset);
            try {
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE account = ? AND "
                        + Tables.quote(Tables.dayColumn(dataset)) + " = ?")) {
                    delete.setString(1, account);
                    delete.setObject(2, day);
                    delete.executeUpdate();
                }
                if (copy.length() > 0) {
                    List<String> names = new ArrayList<>(Tables.columns(dataset).keySet());
                    String columnList =
                            String.join(", ", names.stream().map(Tables::quote).toList());
                    // The day's bytes in one write: copyIn(sql, Reader) takes a 64 KiB buffer for every day,
                    // most of what a cohort's sync of daily values allocated.
                    byte[] rows = copy.toString().getBytes(StandardCharsets.UTF_8);
                    CopyIn in = db.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn("COPY " + table + " (" + columnList + ") FROM STDIN");
                    try {
                        in.writeToCopy(rows, 0, rows.length);
                        in.endCopy();
                    } finally {
                        if (in.isActive()) {
                            in.cancelCopy();
                        }
                    }
                }
                if (complete) {
                    try (PreparedStatement mark = db.prepareStatement("INSERT INTO " + Tables.PROGRESS
                            + " (account, dataset, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                        mark.setString(1, account);
                        mark.setString(2, dataset.id());
                        mark.setObject(3, day);
                        mark.executeUpdate();
                    }
                }
                db.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw e;
            }
        }

        @Override
        public void close() {
            copy.setLength(0);
        }
    }

    private void connect() {
        db = Login.connect(url, password);
        if (account == null) {
            return;
        }
        boolean locked = read("take the account's lock", () -> {
            try (PreparedStatement st = db.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                st.setInt(1, LOCKS);
                st.setString(2, account);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
        if (!locked) {
            close();
            throw new FbxException(
                    FbxException.RATE_LIMITED,
                    "Another fbx sync is writing account " + account + " to " + url
                            + ": wait for it to finish, then run fbx sync again.");
        }
    }

    /**
     * Every {@code fbx_} table already there must have the columns fbx writes, or lack only columns
     * that may be empty (a dataset's column added since the table was made), which are added; then
     * the progress tables are created.
     */
    private void checkSchema() {
        write("check the tables", () -> {
            try (Statement st = db.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCKS + ", " + SCHEMA_LOCK + ")");
            }
            Map<String, Map<String, String>> wanted = new HashMap<>();
            for (Dataset<?> dataset : Dataset.values()) {
                wanted.put(Tables.name(dataset), Tables.columns(dataset));
            }
            wanted.put(Tables.PROGRESS, Tables.progressColumns());
            wanted.put(Tables.ACCOUNTS, Tables.accountColumns());
            Map<String, Map<String, String>> found = new HashMap<>();
            try (PreparedStatement st =
                    db.prepareStatement("SELECT table_name, column_name, data_type FROM information_schema.columns"
                            + " WHERE table_schema = current_schema() AND table_name = ANY (?)")) {
                st.setArray(1, db.createArrayOf("text", wanted.keySet().toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.computeIfAbsent(rs.getString(1), t -> new HashMap<>())
                                .put(rs.getString(2), rs.getString(3));
                    }
                }
            }
            List<String> added = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> table : found.entrySet()) {
                Map<String, String> expected = wanted.get(table.getKey());
                Map<String, String> missing = new LinkedHashMap<>(expected);
                missing.keySet().removeAll(table.getValue().keySet());
                boolean same = table.getValue().entrySet().stream()
                        .allMatch(c -> c.getValue().equals(expected.get(c.getKey())));
                if (!same || !Tables.addable(table.getKey()).containsAll(missing.keySet())) {
                    throw FbxException.config(
                            "The table " + table.getKey() + " in " + url + " has other columns than fbx writes ("
                                    + describe(table.getValue()) + "; fbx needs " + describe(expected)
                                    + "). Nothing was changed:"
                                    + " rename or drop that table, or sync into another database.");
                }
                missing.forEach((column, type) -> added.add(
                        "ALTER TABLE " + table.getKey() + " ADD COLUMN " + Tables.quote(column) + " " + type));
            }
            try (Statement st = db.createStatement()) {
                for (String ddl : added) {
                    st.execute(ddl);
                }
                for (String ddl : Tables.createProgress()) {
                    st.execute(ddl);
                }
            }
        });
    }

    private static String describe(Map<String, String> columns) {
        return String.join(
                ", ",
                new TreeMap<>(columns)
                        .entrySet().stream()
                                .map(c -> c.getKey() + " " + c.getValue())
                                .toList());
    }

    /** Creates the dataset's table on first use (its shape was checked at open). */
    private void table(Dataset<?> dataset) {
        if (ready.contains(dataset)) {
            return;
        }
        write("create the table " + Tables.name(dataset), () -> {
            try (Statement st = db.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCKS + ", " + SCHEMA_LOCK + ")");
                for (String ddl : Tables.create(dataset)) {
                    st.execute(ddl);
                }
            }
        });
        ready.add(dataset);
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    private <T> T read(String what, Query<T> query) {
        try {
            T result = query.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw refused(what, e);
        }
    }

    private void write(String what, Work work) {
        read(what, () -> {
            work.run();
            return null;
        });
    }

    private void rollbackQuietly() {
        try {
            if (db != null && !db.isClosed()) {
                db.rollback();
            }
        } catch (SQLException e) {
            // The connection is gone: the server has rolled the transaction back.
        }
    }

    private FbxException refused(String what, SQLException e) {
        return FbxException.io(
                "Could not " + what + " in " + url + " (" + e.getMessage() + "). What was committed before stays;"
                        + " run fbx sync again once the database accepts writes.",
                e);
    }

    /** A connection that broke, or that the server ended: the transaction in it was rolled back. */
    private boolean lost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
            return true;
        }
        try {
            return db == null || db.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    /** Values in {@code COPY}'s text format: tab between fields, {@code \N} for null, backslash escapes. */
    private static final class Copy {
        static void value(StringBuilder out, ColumnType type, Object value) {
            if (value == null) {
                out.append("\\N");
                return;
            }
            switch (type) {
                case DATE -> out.append(value);
                case TIMESTAMP -> out.append(value instanceof OffsetDateTime t ? TIME.format(t) : value);
                case INTEGER -> out.append(((Number) value).longValue());
                case DECIMAL ->
                    out.append(
                            value instanceof Integer || value instanceof Long ? value : ((Number) value).doubleValue());
                case BOOLEAN -> out.append(((Boolean) value) ? 't' : 'f');
                case TEXT -> field(out, value.toString());
            }
        }

        static void field(StringBuilder out, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }
}
