package dev.fbx.dataset;

/** One output column: its name in CSV headers, JSON keys and table columns, and its type. */
public record Column(String name, ColumnType type) {
    static Column date(String name) {
        return new Column(name, ColumnType.DATE);
    }

    static Column time(String name) {
        return new Column(name, ColumnType.TIMESTAMP);
    }

    static Column integer(String name) {
        return new Column(name, ColumnType.INTEGER);
    }

    static Column decimal(String name) {
        return new Column(name, ColumnType.DECIMAL);
    }

    static Column bool(String name) {
        return new Column(name, ColumnType.BOOLEAN);
    }
}
