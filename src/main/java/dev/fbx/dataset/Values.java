package dev.fbx.dataset;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A written row's values, typed by its dataset's columns, handed to the dataset's record
 * constructor in column order: each call takes the next column's value (null for an empty field,
 * or a column an older file lacks).
 */
public final class Values {
    private final LocalDate day;
    private final Object[] values;
    private int next;

    Values(LocalDate day, Object[] values) {
        this.day = day;
        this.values = values;
    }

    /** The day the row was written under (a night's HRV windows may start the evening before). */
    public LocalDate day() {
        return day;
    }

    public LocalDate date() {
        return (LocalDate) values[next++];
    }

    public OffsetDateTime time() {
        return (OffsetDateTime) values[next++];
    }

    public Integer integer() {
        return (Integer) values[next++];
    }

    public Double decimal() {
        return (Double) values[next++];
    }

    public Boolean bool() {
        return (Boolean) values[next++];
    }

    public String text() {
        return (String) values[next++];
    }
}
