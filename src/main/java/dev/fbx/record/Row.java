package dev.fbx.record;

import java.time.LocalDate;

/**
 * One output row: a record of a dataset, whose columns ({@code dataset.Dataset}) say how each
 * value is read from it. Values are {@code null} (an empty field), numbers, strings, dates, or
 * {@link java.time.OffsetDateTime}s, which writers print with their offset or as UTC instants.
 */
public interface Row {
    /** The day the row belongs to, which names its file in {@code sync}: a night's data belongs to the day it ends on. */
    LocalDate day();
}
