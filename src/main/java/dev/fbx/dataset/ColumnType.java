package dev.fbx.dataset;

/** What a column holds, so that a sink can give it a real type (a SQL column, a JSON number) rather than text. */
public enum ColumnType {
    /** A calendar day, {@code yyyy-MM-dd}. */
    DATE,
    /** An instant with its local offset. */
    TIMESTAMP,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    TEXT
}
