package dev.fbx.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fbx.output.CsvLine;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written readers of what fbx writes agree with java.time and RFC 4180. */
class ColumnTypeTest {
    @Test
    void timesAndDatesReadAsJavaTimeReadsThem() {
        for (String time : List.of(
                "2024-03-01T22:15:00+01:00",
                "2024-07-01T00:00:59-05:30",
                "2024-10-27T02:30:00+00:00",
                "2024-03-01T21:15:00Z",
                "2024-03-01T21:15Z")) {
            assertEquals(OffsetDateTime.parse(time), ColumnType.time(time), time);
        }
        assertEquals(LocalDate.of(2024, 2, 29), ColumnType.date("2024-02-29"));
        assertThrows(DateTimeException.class, () -> ColumnType.date("2024-02-30"));
        assertThrows(DateTimeException.class, () -> ColumnType.date("2024-3-01"));
        assertThrows(DateTimeException.class, () -> ColumnType.time("2024-03-01T25:00:00+01:00"));
    }

    @Test
    void fieldsSplitAsRfc4180QuotesThem() {
        assertEquals(Arrays.asList("2024-03-01", null, "4.5"), CsvLine.fields("2024-03-01,,4.5"));
        assertEquals(Arrays.asList("a,b", "say \"hi\"", ""), CsvLine.fields("\"a,b\",\"say \"\"hi\"\"\",\"\""));
        assertEquals(Arrays.asList("x", null), CsvLine.fields("x,"));
        assertThrows(IllegalArgumentException.class, () -> CsvLine.fields("\"a,b"));
    }
}
