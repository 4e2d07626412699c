package dev.fbx.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbx.FbxException;
import dev.fbx.output.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The archive's two file shapes, read as streams: JSON lists (Jackson's streaming parser, one
 * element at a time) and CSV with a header row; heart rate has its own scanners
 * ({@link HeartRateFiles}). A malformed file is exit 65 naming the entry.
 */
final class Readers {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    private Readers() {}

    /** Jackson's message without its quoting of the source, and where in the entry it happened. */
    private static String problem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        for (String cut : new String[] {"\n", " (start marker", ": expected close marker"}) {
            int at = message.indexOf(cut);
            message = at > 0 ? message.substring(0, at) : message;
        }
        return e.getLocation() == null
                ? message
                : message + ", line " + e.getLocation().getLineNr() + " column "
                        + e.getLocation().getColumnNr();
    }

    /**
     * {@code MM/dd/yy HH:mm:ss} (a four-digit year also occurs) as epoch seconds, read from a
     * scanner's buffer without making a String of each of millions of samples.
     */
    static long slashTime(char[] text, int offset, int length, Archive.Entry entry, Dates dates) {
        int yearDigits = length - 15;
        if (yearDigits != 2 && yearDigits != 4 || text[offset + 2] != '/' || text[offset + 5] != '/') {
            throw Archive.broken(
                    entry,
                    "has a dateTime that is not MM/dd/yy HH:mm:ss ('" + new String(text, offset, length) + "')",
                    null);
        }
        int month = digits(text, offset, 2, entry);
        int day = digits(text, offset + 3, 2, entry);
        int year = digits(text, offset + 6, yearDigits, entry);
        int t = offset + 7 + yearDigits;
        int hour = digits(text, t, 2, entry);
        int minute = digits(text, t + 3, 2, entry);
        int second = digits(text, t + 6, 2, entry);
        if (yearDigits == 2) {
            year += 2000;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw Archive.broken(
                    entry, "has a dateTime that is not a time ('" + new String(text, offset, length) + "')", null);
        }
        return epochDay(dates, year, month, day, entry, text, offset, length) * 86_400
                + hour * 3600L
                + minute * 60L
                + second;
    }

    /** The last date a file's reader converted: samples come a day at a time. */
    static final class Dates {
        private int key = -1;
        private long epochDay;
    }

    private static long epochDay(
            Dates dates, int year, int month, int day, Archive.Entry entry, char[] text, int offset, int length) {
        int key = (year * 13 + month) * 32 + day;
        if (key != dates.key) {
            try {
                dates.epochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (java.time.DateTimeException e) {
                throw Archive.broken(
                        entry, "has a dateTime that is not a date ('" + new String(text, offset, length) + "')", e);
            }
            dates.key = key;
        }
        return dates.epochDay;
    }

    private static int digits(char[] text, int from, int count, Archive.Entry entry) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                throw Archive.broken(entry, "has a dateTime that is not MM/dd/yy HH:mm:ss", null);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The day of {@code MM/dd/yy} (or {@code MM/dd/yy HH:mm:ss}): a day label. */
    static LocalDate slashDate(String text, Archive.Entry entry) {
        String date = text.trim();
        int space = date.indexOf(' ');
        date = space < 0 ? date : date.substring(0, space);
        char[] chars = (date + " 00:00:00").toCharArray();
        return LocalDate.ofEpochDay(Math.floorDiv(slashTime(chars, 0, chars.length, entry, new Dates()), 86_400));
    }

    /** Each element of a JSON list, as a tree: the list is streamed, one element in memory at a time. */
    static void jsonElements(Archive archive, Archive.Entry entry, Consumer<JsonNode> out) {
        try (InputStream in = archive.open(entry);
                JsonParser parser = JSON.createParser(in)) {
            parser.setCodec(MAPPER);
            JsonToken token = parser.nextToken();
            if (token == null) {
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                throw Archive.broken(entry, "is not a JSON list", null);
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw Archive.broken(entry, "ends in the middle of its list", null);
                }
                JsonNode element = parser.readValueAsTree();
                out.accept(element);
            }
        } catch (JsonProcessingException e) {
            throw Archive.broken(entry, "is not valid JSON (" + problem(e) + ")", e);
        } catch (IOException e) {
            throw Archive.broken(entry, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** One CSV row by its header's names; {@code line} for messages. */
    record CsvRow(Map<String, String> values, int line) {
        /** The field, or null when empty or absent. */
        String get(String column) {
            String value = values.get(column);
            return value == null || value.isEmpty() ? null : value;
        }
    }

    /**
     * A CSV file with a header row (CRLF or LF, RFC 4180 quotes); a header-only or empty file has
     * no rows. A row with more fields than the header is malformed.
     */
    static void csv(Archive archive, Archive.Entry entry, Consumer<CsvRow> out) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(archive.open(entry), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null) {
                return;
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            List<String> header = fields(line, entry, 1);
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = fields(line, entry, number);
                if (fields.size() > header.size()) {
                    throw Archive.broken(
                            entry,
                            "has " + fields.size() + " fields on line " + number + " under a header of "
                                    + header.size(),
                            null);
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    row.put(header.get(i), fields.get(i));
                }
                out.accept(new CsvRow(row, number));
            }
        } catch (IOException e) {
            throw Archive.broken(entry, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A line's fields, trimmed, an empty one as "". */
    private static List<String> fields(String line, Archive.Entry entry, int number) {
        try {
            return CsvLine.fields(line).stream()
                    .map(field -> field == null ? "" : field.trim())
                    .toList();
        } catch (IllegalArgumentException e) {
            throw Archive.broken(entry, "has an unclosed quote on line " + number, null);
        }
    }

    /** A number field: null when empty or NaN; anything else that is not a number is malformed. */
    static Double number(String text, CsvRow row, Archive.Entry entry) {
        if (text == null || text.equalsIgnoreCase("nan")) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            throw Archive.broken(entry, "has '" + text + "' where a number belongs (line " + row.line() + ")", e);
        }
    }

    /**
     * A number field of a quantity that is positive by nature (an RMSSD, a heart rate, an entropy, a
     * breathing rate, an SpO2 percentage): null when empty, NaN, or a placeholder for "not measured",
     * {@code 0} or {@code -1} (docs/archive-formats.md, "Placeholders").
     */
    static Double measured(String text, CsvRow row, Archive.Entry entry) {
        Double value = number(text, row, entry);
        return value == null || value <= 0 ? null : value;
    }

    /** A UTC instant with its {@code Z} ({@code 2024-10-27T00:00:04Z}). */
    static java.time.Instant instant(String text, CsvRow row, Archive.Entry entry) {
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw Archive.broken(
                    entry, "has a timestamp that is not a time ('" + text + "', line " + row.line() + ")", e);
        }
    }

    /** The day a timestamp column names: its first ten characters, as written (a day label, whatever follows). */
    static LocalDate labelDay(String text, CsvRow row, Archive.Entry entry) {
        try {
            return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
        } catch (java.time.format.DateTimeParseException e) {
            throw Archive.broken(
                    entry, "has a timestamp that is not a date ('" + text + "', line " + row.line() + ")", e);
        }
    }

    /** A zone-less local time ({@code 2024-03-20T22:04:00.000}, seconds optional). */
    static java.time.LocalDateTime localTime(String text, int line, Archive.Entry entry) {
        try {
            return java.time.LocalDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            throw Archive.broken(
                    entry,
                    "has a time that is not yyyy-MM-ddTHH:mm[:ss] ('" + text + "'" + (line > 0 ? ", line " + line : "")
                            + ")",
                    e);
        }
    }

    static FbxException malformed(Archive.Entry entry, String problem) {
        return Archive.broken(entry, problem, null);
    }
}
