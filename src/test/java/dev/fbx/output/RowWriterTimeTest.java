package dev.fbx.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import org.junit.jupiter.api.Test;

/** The hand-written local time is what the general formatter prints, for every kind of offset and time. */
class RowWriterTimeTest {
    private static final DateTimeFormatter GENERAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter();

    @Test
    void printsWhatTheFormatterPrints() {
        for (String offset : new String[] {"+00:00", "-04:00", "-05:00", "+05:45", "-09:30", "+14:00", "+01:00"}) {
            for (LocalDateTime local : new LocalDateTime[] {
                LocalDateTime.of(2024, 11, 3, 1, 5, 0),
                LocalDateTime.of(2024, 1, 1, 0, 0, 0),
                LocalDateTime.of(1999, 12, 31, 23, 59, 59),
                LocalDateTime.of(2024, 3, 10, 12, 7, 4, 500_000_000),
                LocalDateTime.of(12024, 3, 10, 12, 7, 4),
                LocalDateTime.of(987, 3, 10, 12, 7, 4)
            }) {
                OffsetDateTime time = OffsetDateTime.of(local, ZoneOffset.of(offset));
                assertEquals(GENERAL.format(time), RowWriter.localTime(time), time.toString());
            }
        }
        OffsetDateTime odd = OffsetDateTime.of(LocalDateTime.of(1900, 1, 1, 0, 0), ZoneOffset.ofTotalSeconds(-17762));
        assertEquals(GENERAL.format(odd), RowWriter.localTime(odd));
    }
}
