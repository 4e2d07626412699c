package dev.fbx.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbx.api.Json;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Google Health API's values in their protobuf JSON spelling: {@code google.type.Date}
 * objects, RFC 3339 times, durations and offsets as {@code "3600s"}, and its list filters. A value
 * that does not read is the API's answer being malformed (65), naming the call.
 */
final class GoogleValues {
    static final ObjectMapper JSON = new ObjectMapper();

    private GoogleValues() {}

    /** The documented filter: {@code field >= "lower" AND field < "upper"}. */
    static String between(String field, Object lower, Object upper) {
        return field + " >= \"" + lower + "\" AND " + field + " < \"" + upper + "\"";
    }

    /*
     * A sample belongs to the day of its own local time, which for someone travelling is not the
     * account zone's: samples are asked for from when a wall-clock time first happens anywhere
     * (UTC+14) to when it last does (UTC-12), and the days around are left to their own requests.
     */
    static Instant earliest(LocalDateTime wallClock) {
        return wallClock.toInstant(ZoneOffset.ofHours(14));
    }

    static Instant latest(LocalDateTime wallClock) {
        return wallClock.toInstant(ZoneOffset.ofHours(-12));
    }

    static ObjectNode date(LocalDate date) {
        ObjectNode node = JSON.createObjectNode();
        node.put("year", date.getYear()).put("month", date.getMonthValue()).put("day", date.getDayOfMonth());
        return node;
    }

    /** A {@code google.type.Date}. */
    static LocalDate civilDate(JsonNode date, String what) {
        Integer year = Json.integer(date.path("year"));
        Integer month = Json.integer(date.path("month"));
        Integer day = Json.integer(date.path("day"));
        try {
            if (year == null || month == null || day == null) {
                throw new DateTimeException("incomplete");
            }
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw Json.malformed(what, "a date reads " + date, e);
        }
    }

    /** An {@code ObservationSampleTime} as the local time of the sample's own UTC offset, else the account's zone. */
    static OffsetDateTime sampleTime(JsonNode sampleTime, Supplier<ZoneId> zone, String what) {
        Instant instant = instant(sampleTime.path("physicalTime"), what);
        JsonNode offset = sampleTime.path("utcOffset");
        return offset.isMissingNode() || offset.isNull()
                ? instant.atZone(zone.get()).toOffsetDateTime()
                : instant.atOffset(offset(offset, what));
    }

    static Instant instant(JsonNode node, String what) {
        String text = node.asText("");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw Json.malformed(what, "a time reads '" + text + "'", e);
        }
    }

    /** An offset in the API's duration form ({@code "3600s"}, {@code "-18000s"}). */
    static ZoneOffset offset(JsonNode node, String what) {
        try {
            return ZoneOffset.ofTotalSeconds(
                    Math.toIntExact(duration(node, what).getSeconds()));
        } catch (DateTimeException | ArithmeticException e) {
            throw Json.malformed(what, "an offset reads '" + node.asText("") + "'", e);
        }
    }

    /** A {@code google.protobuf.Duration} in JSON: decimal seconds with an {@code s} ({@code "3600s"}, {@code "1.5s"}). */
    static Duration duration(JsonNode node, String what) {
        String text = node.asText("").trim().toLowerCase(Locale.ROOT);
        try {
            if (!text.endsWith("s")) {
                throw new NumberFormatException("no unit");
            }
            BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
            return Duration.ofSeconds(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw Json.malformed(what, "a duration reads '" + node.asText("") + "'", e);
        }
    }

    /** A count where proto3 JSON leaves a zero out. */
    static int count(JsonNode node) {
        Integer value = Json.integer(node);
        return value == null ? 0 : value;
    }
}
