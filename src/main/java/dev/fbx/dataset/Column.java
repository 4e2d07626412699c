package dev.fbx.dataset;

import java.util.function.Function;

/**
 * One output column: its name in CSV headers, JSON keys and table columns, its type, and how a
 * row of its dataset's record gives its value.
 */
public record Column<R>(String name, ColumnType type, Function<? super R, ?> value) {}
