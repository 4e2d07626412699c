package dev.fbx.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalTimesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<String> offsets(String... localTimes) {
        LocalTimes times = new LocalTimes(BERLIN);
        return Stream.of(localTimes)
                .map(t -> times.at(LocalDateTime.parse(t)).toString())
                .toList();
    }

    @Test
    void theAutumnHourThatHappensTwiceGetsTheSummerOffsetThenTheWinterOne() {
        assertEquals(
                List.of(
                        "2024-10-27T01:59+02:00",
                        "2024-10-27T02:00+02:00",
                        "2024-10-27T02:59+02:00",
                        "2024-10-27T02:00+01:00",
                        "2024-10-27T02:30+01:00",
                        "2024-10-27T03:00+01:00"),
                offsets(
                        "2024-10-27T01:59",
                        "2024-10-27T02:00",
                        "2024-10-27T02:59",
                        "2024-10-27T02:00",
                        "2024-10-27T02:30",
                        "2024-10-27T03:00"));
    }

    @Test
    void theSpringGapShiftsForwardAndOrdinaryDaysKeepTheirSeasonsOffset() {
        assertEquals(
                List.of("2024-03-31T01:59+01:00", "2024-03-31T03:30+02:00"),
                offsets("2024-03-31T01:59", "2024-03-31T02:30"));
        assertEquals(
                List.of("2024-01-15T12:00+01:00", "2024-07-15T12:00+02:00"),
                offsets("2024-01-15T12:00", "2024-07-15T12:00"));
    }
}
