package dev.fbx.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The synthetic person: the same answer for the same date, plausible values, and signals that agree. */
class DemoPersonTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final DemoPerson person = new DemoPerson(BERLIN);
    private final FitbitAnswers account = new FitbitAnswers(person);
    private final LocalDate start = LocalDate.of(2024, 1, 1);
    private final LocalDate end = LocalDate.of(2024, 12, 31);

    @Test
    void answersDependOnTheDateAlone() {
        FitbitAnswers other = new FitbitAnswers(new DemoPerson(BERLIN));
        LocalDate day = LocalDate.of(2024, 3, 31);

        assertEquals(account.heartRateIntraday(day, "1sec"), other.heartRateIntraday(day, "1sec"));
        assertEquals(account.sleep(start, start.plusDays(99)), other.sleep(start, start.plusDays(99)));
        // A range is the days one by one: asking for a different range does not change a day.
        JsonNode alone = account.hrv(day, day).path("hrv").path(0);
        JsonNode inAWeek = java.util.stream.StreamSupport.stream(
                        other.hrv(day.minusDays(5), day.plusDays(1)).path("hrv").spliterator(), false)
                .filter(d -> d.path("dateTime").asText().equals(day.toString()))
                .findFirst()
                .orElseThrow();
        assertEquals(alone, inAWeek);
    }

    @Test
    void nightlyValuesArePlausible() {
        for (LocalDate from = start; from.isBefore(end); from = from.plusDays(30)) {
            LocalDate to = from.plusDays(29);
            for (JsonNode day : account.hrv(from, to).path("hrv")) {
                assertBetween(15, 120, day.path("value").path("dailyRmssd").asDouble());
            }
            for (JsonNode day : account.spo2(from, to)) {
                JsonNode v = day.path("value");
                assertTrue(
                        v.path("min").asDouble() < v.path("avg").asDouble()
                                && v.path("avg").asDouble() < v.path("max").asDouble(),
                        day.toString());
                assertBetween(88, 100, v.path("min").asDouble());
                assertBetween(92, 100, v.path("max").asDouble());
            }
            for (JsonNode day : account.breathingRate(from, to).path("br")) {
                assertBetween(11, 19, day.path("value").path("breathingRate").asDouble());
            }
            for (JsonNode day : account.skinTemperature(from, to).path("tempSkin")) {
                assertBetween(
                        -1.5, 1.5, day.path("value").path("nightlyRelative").asDouble());
            }
        }
        for (JsonNode day : account.heartRateDays(start, end).path("activities-heart")) {
            assertBetween(48, 68, day.path("value").path("restingHeartRate").asInt());
        }
    }

    @Test
    void sleepMinutesAddUpAndStagesAreOnlyOnStagedSleeps() {
        int naps = 0;
        for (JsonNode log : account.sleep(start, start.plusDays(99)).path("sleep")) {
            JsonNode summary = log.path("levels").path("summary");
            assertEquals(
                    log.path("timeInBed").asInt(),
                    log.path("minutesAsleep").asInt() + log.path("minutesAwake").asInt(),
                    log.toString());
            assertEquals(
                    log.path("timeInBed").asLong() * 60_000,
                    log.path("duration").asLong(),
                    log.toString());
            assertTrue(LocalDateTime.parse(log.path("startTime").asText())
                    .isBefore(LocalDateTime.parse(log.path("endTime").asText())));
            assertEquals(
                    log.path("dateOfSleep").asText(),
                    log.path("endTime").asText().substring(0, 10),
                    "a sleep belongs to the day it ends on");
            if (log.path("isMainSleep").asBoolean()) {
                assertEquals("stages", log.path("type").asText());
                assertEquals(
                        log.path("minutesAsleep").asInt(),
                        summary.path("deep").path("minutes").asInt()
                                + summary.path("light").path("minutes").asInt()
                                + summary.path("rem").path("minutes").asInt());
                assertBetween(300, 520, log.path("minutesAsleep").asInt());
            } else {
                naps++;
                assertEquals("classic", log.path("type").asText());
                assertTrue(summary.path("deep").isMissingNode());
            }
        }
        assertTrue(naps > 5 && naps < 40, "an occasional nap: " + naps + " in 100 days");
    }

    @Test
    void zoneMinutesAreCountedFromTheIntradayCurveAndHeartRateDropsInSleep() {
        for (LocalDate day = LocalDate.of(2024, 3, 30); !day.isAfter(LocalDate.of(2024, 4, 5)); day = day.plusDays(1)) {
            JsonNode body = account.heartRateIntraday(day, "1min");
            int zoneMinutes = 0;
            for (JsonNode zone :
                    body.path("activities-heart").path(0).path("value").path("heartRateZones")) {
                zoneMinutes += zone.path("minutes").asInt();
            }
            JsonNode dataset = body.path("activities-heart-intraday").path("dataset");
            assertEquals(dataset.size(), zoneMinutes, day.toString());

            DemoPerson.Night night = person.night(day);
            if (!night.recorded()) {
                continue;
            }
            int resting = body.path("activities-heart")
                    .path(0)
                    .path("value")
                    .path("restingHeartRate")
                    .asInt();
            double asleep = average(
                    dataset,
                    night.end().toLocalTime().minusHours(3).toString(),
                    night.end().toLocalTime().toString());
            double afternoon = average(dataset, "15:00", "16:00");
            assertTrue(
                    asleep < resting + 3 && afternoon > resting + 10,
                    day + ": asleep " + asleep + ", afternoon " + afternoon + ", resting " + resting);
        }
    }

    @Test
    void hrvWindowsLieInTheMainSleep() {
        LocalDate day = LocalDate.of(2024, 10, 27);
        DemoPerson.Night night = person.night(day);
        for (JsonNode minute : account.hrvIntraday(day, day).path("hrv").path(0).path("minutes")) {
            LocalDateTime at = LocalDateTime.parse(minute.path("minute").asText());
            assertTrue(
                    !at.isBefore(night.start().toLocalDateTime().minusMinutes(1))
                            && at.isBefore(night.end().toLocalDateTime()),
                    at.toString());
        }
    }

    @Test
    void eachParticipantIsAnotherPersonAndTheSameOneEveryTime() {
        LocalDate day = LocalDate.of(2024, 6, 3);
        FitbitAnswers p1 = new FitbitAnswers(new DemoPerson(BERLIN, DemoPerson.seed("p1")));
        FitbitAnswers p1Again = new FitbitAnswers(new DemoPerson(BERLIN, DemoPerson.seed("p1")));
        FitbitAnswers p2 = new FitbitAnswers(new DemoPerson(BERLIN, DemoPerson.seed("p2")));

        assertEquals(p1.heartRateIntraday(day, "1min"), p1Again.heartRateIntraday(day, "1min"));
        assertEquals(p1.sleep(start, end), p1Again.sleep(start, end));
        assertNotEquals(p1.heartRateIntraday(day, "1min"), p2.heartRateIntraday(day, "1min"));
        assertNotEquals(p1.sleep(start, end), p2.sleep(start, end));
        assertNotEquals(account.sleep(start, end), p1.sleep(start, end), "none is the demo account");
        assertNotEquals(0, DemoPerson.seed("p1"));
    }

    @Test
    void theDemoAccountWearsTheTrackerEveryDayAndSomeParticipantsLeaveItOff() {
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            assertTrue(person.worn(day), day.toString());
        }
        int often = 0;
        int rarely = 0;
        for (int p = 0; p < 40; p++) {
            DemoPerson participant = new DemoPerson(BERLIN, DemoPerson.seed("p" + p));
            int off = 0;
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                if (participant.worn(day)) {
                    continue;
                }
                off++;
                assertTrue(
                        java.util.Arrays.stream(participant.heartRateByMinute(day))
                                .allMatch(bpm -> bpm < 0),
                        "no heart rate on a day off: p" + p + " " + day);
                assertFalse(participant.night(day).recorded(), "nor the night that ends on it");
                assertTrue(participant.hrvWindows(day).isEmpty());
            }
            often += off > 366 / 4 ? 1 : 0;
            rarely += off < 366 / 8 ? 1 : 0;
        }
        assertTrue(often >= 2, "some participants leave the tracker off on a quarter of the days or more: " + often);
        assertTrue(rarely >= 25, "most wear it on nearly every day: " + rarely + " of 40");
    }

    private static double average(JsonNode dataset, String from, String to) {
        return java.util.stream.StreamSupport.stream(dataset.spliterator(), false)
                .filter(s -> s.path("time").asText().compareTo(from) >= 0
                        && s.path("time").asText().compareTo(to) < 0)
                .mapToInt(s -> s.path("value").asInt())
                .average()
                .orElse(Double.NaN);
    }

    private static void assertBetween(double low, double high, double value) {
        assertTrue(value >= low && value <= high, value + " is not between " + low + " and " + high);
    }
}
