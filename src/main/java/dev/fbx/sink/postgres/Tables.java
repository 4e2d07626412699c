package dev.fbx.sink.postgres;

import dev.fbx.dataset.Column;
import dev.fbx.dataset.ColumnType;
import dev.fbx.dataset.Dataset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of a sync database, derived from the dataset registry: {@code fbx_<dataset>} with
 * {@code -} as {@code _}, {@code account} first, then the dataset's columns with SQL types; the
 * primary key is {@code (account, <key>)}. A dataset keyed by {@code time} also keeps {@code day},
 * the sample's own local date, because a {@code timestamptz} has lost the offset that says which
 * day a sample belongs to, and a day is what a sync replaces. Progress lives in
 * {@value #PROGRESS} (one row per final day of a dataset) and {@value #ACCOUNTS} (where each
 * account's synced period starts, and its time zone). A column added to a dataset later is added
 * to a table made before ({@link #addable}).
 */
final class Tables {
    static final String PROGRESS = "fbx_sync_progress";
    static final String ACCOUNTS = "fbx_sync_account";
    /** The extra column of time-keyed datasets. */
    static final String DAY = "day";

    private Tables() {}

    static String name(Dataset<?> dataset) {
        return "fbx_" + dataset.id().replace('-', '_');
    }

    /** The column holding the day a row belongs to: {@code date} where the dataset has one, else {@value #DAY}. */
    static String dayColumn(Dataset<?> dataset) {
        return dataset.columnNames().contains("date") ? "date" : DAY;
    }

    static boolean hasDayColumn(Dataset<?> dataset) {
        return dayColumn(dataset).equals(DAY);
    }

    /** Every column with its type as {@code information_schema.columns.data_type} reports it, in table order. */
    static Map<String, String> columns(Dataset<?> dataset) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("account", "text");
        for (Column<?> column : dataset.columns()) {
            columns.put(column.name(), sqlType(column.type()));
        }
        if (hasDayColumn(dataset)) {
            columns.put(DAY, "date");
        }
        return columns;
    }

    static Map<String, String> progressColumns() {
        return new LinkedHashMap<>(Map.of("account", "text", "dataset", "text", "day", "date"));
    }

    static Map<String, String> accountColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("account", "text");
        columns.put("since", "date");
        columns.put("zone", "text");
        return columns;
    }

    /**
     * The columns of {@code table} that may be empty, which a table made by an earlier fbx may lack
     * and gets added: a dataset's values, the account's zone. Keys may not be.
     */
    static Set<String> addable(String table) {
        if (table.equals(ACCOUNTS)) {
            return Set.of("zone");
        }
        for (Dataset<?> dataset : Dataset.values()) {
            if (name(dataset).equals(table)) {
                Set<String> values = new HashSet<>(columns(dataset).keySet());
                values.removeAll(List.of("account", dataset.key(), dayColumn(dataset)));
                return values;
            }
        }
        return Set.of();
    }

    static String sqlType(ColumnType type) {
        return switch (type) {
            case DATE -> "date";
            case TIMESTAMP -> "timestamp with time zone";
            case INTEGER -> "integer";
            case DECIMAL -> "double precision";
            case BOOLEAN -> "boolean";
            case TEXT -> "text";
        };
    }

    static List<String> create(Dataset<?> dataset) {
        String table = name(dataset);
        List<String> definitions = new ArrayList<>();
        columns(dataset)
                .forEach((name, type) -> definitions.add(quote(name) + " " + type
                        + (name.equals("account") || name.equals(dataset.key()) || name.equals(dayColumn(dataset))
                                ? " NOT NULL"
                                : "")));
        definitions.add("PRIMARY KEY (account, " + quote(dataset.key()) + ")");
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE IF NOT EXISTS " + table + " (" + String.join(", ", definitions) + ")");
        if (!dayColumn(dataset).equals(dataset.key())) {
            statements.add("CREATE INDEX IF NOT EXISTS " + table + "_day ON " + table + " (account, "
                    + quote(dayColumn(dataset)) + ")");
        }
        return statements;
    }

    static List<String> createProgress() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + PROGRESS
                        + " (account text NOT NULL, dataset text NOT NULL, day date NOT NULL,"
                        + " PRIMARY KEY (account, dataset, day))",
                "CREATE TABLE IF NOT EXISTS " + ACCOUNTS
                        + " (account text PRIMARY KEY, since date NOT NULL, zone text)");
    }

    /** Column names are quoted: {@code end} is an SQL keyword. */
    static String quote(String name) {
        return "\"" + name + "\"";
    }
}
