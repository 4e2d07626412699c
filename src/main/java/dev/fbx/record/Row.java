package dev.fbx.record;

import java.time.LocalDate;
import java.util.List;

/**
 * One output row. Values are {@code null} (an empty field), numbers, strings, dates, or
 * {@link java.time.OffsetDateTime}s, which writers print with their offset or as UTC instants.
 */
public interface Row {
    List<Object> values();

    /** The day the row belongs to, which names its file in {@code sync}: a night's data belongs to the day it ends on. */
    LocalDate day();
}
