package dev.fbx.dataset;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What a column holds, so that a sink can give it a real type (a SQL column, a JSON number) rather
 * than text, and a reader of written rows can turn the text back into the value.
 */
public enum ColumnType {
    /** A calendar day, {@code yyyy-MM-dd}. */
    DATE("a date") {
        @Override
        Object parse(String text) {
            return date(text);
        }
    },
    /** An instant with its local offset. */
    TIMESTAMP("a time with its offset") {
        @Override
        Object parse(String text) {
            return time(text);
        }
    },
    INTEGER("a whole number") {
        @Override
        Object parse(String text) {
            return Integer.valueOf(text);
        }
    },
    DECIMAL("a number") {
        @Override
        Object parse(String text) {
            return Double.valueOf(text);
        }
    },
    BOOLEAN("true or false") {
        @Override
        Object parse(String text) {
            return switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(text);
            };
        }
    },
    TEXT("text") {
        @Override
        Object parse(String text) {
            return text;
        }
    };

    private final String description;

    ColumnType(String description) {
        this.description = description;
    }

    /** What a value of this type is, for messages ("a whole number"). */
    public String description() {
        return description;
    }

    /** The value a written field holds; an exception when the text is not of this type. */
    abstract Object parse(String text);

    /*
     * fbx writes dates as yyyy-MM-dd and times as yyyy-MM-ddTHH:mm:ss+HH:MM. Those are read by
     * hand, since java.time's general parser is most of the time a year's report takes; any other
     * spelling (a "Z" time, say) goes to java.time.
     */

    static LocalDate date(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    static OffsetDateTime time(String text) {
        if (text.length() == 25
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(22) == ':'
                && (text.charAt(19) == '+' || text.charAt(19) == '-')) {
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int offsetHours = digits(text, 20, 22);
            int offsetMinutes = digits(text, 23, 25);
            if (hour >= 0 && minute >= 0 && second >= 0 && offsetHours >= 0 && offsetMinutes >= 0) {
                int sign = text.charAt(19) == '-' ? -1 : 1;
                return OffsetDateTime.of(
                        date(text.substring(0, 10)),
                        LocalTime.of(hour, minute, second),
                        ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes));
            }
        }
        return OffsetDateTime.parse(text);
    }

    /** The number written in text[from, to) with digits only, or -1. */
    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n;
    }
}
