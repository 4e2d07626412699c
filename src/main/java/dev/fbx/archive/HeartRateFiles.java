package dev.fbx.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The two shapes of heart-rate file, the bulk of an archive (docs/archive-formats.md): the legacy
 * JSON days ({@code [{"dateTime" : "01/15/24 05:00:04","value" : {"bpm" : 64,…}},…]}) and the
 * _GoogleData CSV days ({@code timestamp,beats per minute[,data source]}). They are scanned as bytes
 * straight from the inflater: a sample becomes its instant and bpm, and nothing else is made of it
 * (no token, no String, no row map), because a general parser costs several times what inflating
 * the entry does. Anything that is not the shape is malformed: exit 65 naming the entry.
 */
final class HeartRateFiles {
    /** Deeper than any heart-rate file nests: a file that does is not one. */
    private static final int MAX_DEPTH = 32;

    private HeartRateFiles() {}

    /** Receives one heart-rate sample: its UTC instant in epoch seconds, and beats per minute. */
    @FunctionalInterface
    interface Samples {
        void sample(long epochSecond, int bpm);
    }

    /** A legacy JSON day: a list of objects whose {@code dateTime} is UTC without a marker and whose {@code value.bpm} is the rate. */
    static void json(Archive archive, Archive.Entry entry, Samples out) {
        try (InputStream in = archive.open(entry)) {
            new Json(new Bytes(in, entry), out).file();
        } catch (IOException e) {
            throw Archive.broken(entry, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A _GoogleData CSV day: {@code timestamp} a UTC instant with {@code Z}, {@code beats per minute} a number. */
    static void csv(Archive archive, Archive.Entry entry, Samples out) {
        try (InputStream in = archive.open(entry)) {
            new Csv(new Bytes(in, entry), out).file();
        } catch (IOException e) {
            throw Archive.broken(entry, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** An entry's bytes through a buffer, with the line they are on (for messages). */
    private static final class Bytes {
        private final InputStream in;
        final Archive.Entry entry;
        byte[] buffer = new byte[1 << 16];
        int position;
        int limit;
        int line = 1;

        Bytes(InputStream in, Archive.Entry entry) {
            this.in = in;
            this.entry = entry;
        }

        /** Reads more after {@code limit}, keeping the bytes from {@code keep} on (moved to the start); false at the end. */
        boolean fill(int keep) throws IOException {
            int kept = limit - keep;
            if (keep > 0) {
                System.arraycopy(buffer, keep, buffer, 0, kept);
                position -= keep;
            } else if (kept == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            limit = kept;
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                return false;
            }
            limit += n;
            return true;
        }

        /** The next byte, or -1 at the end. */
        int next() throws IOException {
            if (position == limit && !fill(limit)) {
                return -1;
            }
            return buffer[position++];
        }

        /** The next byte that is not white space, or -1 at the end; counts lines. */
        int token() throws IOException {
            while (true) {
                // In locals: a pretty-printed file is a third white space.
                byte[] b = buffer;
                int p = position;
                int end = limit;
                while (p < end) {
                    byte c = b[p++];
                    if (c > ' ' || c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                        position = p;
                        return c;
                    }
                    if (c == '\n') {
                        line++;
                    }
                }
                position = p;
                if (!fill(limit)) {
                    return -1;
                }
            }
        }

        RuntimeException malformed(String problem) {
            return Archive.broken(entry, "is not valid JSON (" + problem + ", line " + line + ")", null);
        }
    }

    /** The JSON grammar, enough of it to read the samples and check that the rest is JSON. */
    private static final class Json {
        private static final byte[] DATE_TIME = "dateTime".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VALUE = "value".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] BPM = "bpm".getBytes(StandardCharsets.US_ASCII);
        /** Bytes kept in the buffer ahead of a sample, so that {@link #plainSample()} finds all of it there: a few samples' worth. */
        private static final int SAMPLE_ROOM = 1024;

        private final Bytes in;
        private final Samples out;
        private final Readers.Dates dates = new Readers.Dates();
        private final char[] time = new char[32];
        /** Where the string read last starts in the buffer; it ends before the quote that {@link #string()} returns. */
        private int start;

        Json(Bytes in, Samples out) {
            this.in = in;
            this.out = out;
        }

        /** An empty entry holds no samples; anything else is a list of objects. */
        void file() throws IOException {
            int c = in.token();
            if (c == -1) {
                return;
            }
            if (c != '[') {
                throw Archive.broken(in.entry, "is not a list of heart-rate samples", null);
            }
            c = in.token();
            if (c == ']') {
                return;
            }
            while (true) {
                if (c != '{') {
                    throw c == -1
                            ? in.malformed("it ends in the middle of its list")
                            : Archive.broken(in.entry, "is not a list of heart-rate samples", null);
                }
                if (in.limit - in.position < SAMPLE_ROOM) {
                    in.fill(in.position);
                }
                if (!plainSample()) {
                    sample();
                }
                c = in.token();
                if (c == ']') {
                    return;
                }
                if (c != ',') {
                    throw in.malformed("expected ',' or ']' between samples");
                }
                c = in.token();
            }
        }

        /** Lines passed by {@link #plainSample()} so far. */
        private int lines;

        /**
         * After its '{': a sample read in place, the way nearly every sample is written: all of it
         * in the buffer, names and strings without escapes, values that are strings, whole numbers
         * or an object of whole numbers. Anything else, and nothing is read: false, and
         * {@link #sample()} reads it (and says what is wrong, if anything is).
         */
        private boolean plainSample() {
            byte[] b = in.buffer;
            int limit = in.limit;
            lines = 0;
            long epochSecond = Long.MIN_VALUE;
            int bpm = -1;
            int p = space(b, in.position, limit);
            if (p < limit && b[p] == '}') {
                p++;
            } else {
                while (true) {
                    int name = p + 1;
                    int nameEnd = p < limit && b[p] == '"' ? plainString(b, name, limit) : limit;
                    p = colon(b, nameEnd, limit);
                    if (p >= limit) {
                        return false;
                    }
                    if (b[p] == '"') {
                        int end = plainString(b, p + 1, limit);
                        if (end >= limit) {
                            return false;
                        }
                        if (same(b, name, nameEnd, DATE_TIME)) {
                            start = p + 1;
                            epochSecond = time(end);
                        }
                        p = end + 1;
                    } else if (b[p] == '{') {
                        boolean value = same(b, name, nameEnd, VALUE);
                        p = space(b, p + 1, limit);
                        while (p < limit && b[p] != '}') {
                            int inner = p + 1;
                            int innerEnd = b[p] == '"' ? plainString(b, inner, limit) : limit;
                            p = colon(b, innerEnd, limit);
                            int end = digits(b, p, limit);
                            if (end >= limit) {
                                return false;
                            }
                            if (value && same(b, inner, innerEnd, BPM)) {
                                bpm = 0;
                                for (int i = p; i < end; i++) {
                                    bpm = bpm * 10 + b[i] - '0';
                                }
                            }
                            p = space(b, end, limit);
                            if (p < limit && b[p] == ',') {
                                p = space(b, p + 1, limit);
                            } else if (p < limit && b[p] != '}') {
                                return false;
                            }
                        }
                        if (p >= limit) {
                            return false;
                        }
                        p++;
                    } else {
                        p = digits(b, p, limit);
                    }
                    p = space(b, p, limit);
                    if (p >= limit) {
                        return false;
                    }
                    if (b[p] == '}') {
                        p++;
                        break;
                    }
                    if (b[p] != ',') {
                        return false;
                    }
                    p = space(b, p + 1, limit);
                }
            }
            in.position = p;
            in.line += lines;
            if (epochSecond != Long.MIN_VALUE && bpm > 0) {
                out.sample(epochSecond, bpm);
            }
            return true;
        }

        /** The first byte from {@code p} that is not white space; {@code limit} for any byte that JSON does not allow there. */
        private int space(byte[] b, int p, int limit) {
            while (p < limit) {
                byte c = b[p];
                if (c > ' ') {
                    return p;
                }
                if (c == '\n') {
                    lines++;
                } else if (c != ' ' && c != '\r' && c != '\t') {
                    return limit;
                }
                p++;
            }
            return limit;
        }

        /** From a name's closing quote at {@code p}: the first byte of its value; {@code limit} if no ':' follows. */
        private int colon(byte[] b, int p, int limit) {
            p = p < limit ? space(b, p + 1, limit) : limit;
            return p < limit && b[p] == ':' ? space(b, p + 1, limit) : limit;
        }

        /** From after an opening quote: the closing quote of a string without escapes, else {@code limit}. */
        private static int plainString(byte[] b, int p, int limit) {
            while (p < limit && b[p] != '"') {
                if (b[p] == '\\') {
                    return limit;
                }
                p++;
            }
            return p;
        }

        /** The end of a whole number of at most nine digits at {@code p} that something follows; else {@code limit}. */
        private static int digits(byte[] b, int p, int limit) {
            int end = p;
            while (end < limit && b[end] >= '0' && b[end] <= '9') {
                end++;
            }
            return end > p && end - p <= 9 && end < limit ? end : limit;
        }

        private static boolean same(byte[] b, int from, int to, byte[] name) {
            if (to - from != name.length) {
                return false;
            }
            for (int i = 0; i < name.length; i++) {
                if (b[from + i] != name[i]) {
                    return false;
                }
            }
            return true;
        }

        /** After its '{': a sample's fields; the sample counts when it has a time and a bpm above 0. */
        private void sample() throws IOException {
            long epochSecond = Long.MIN_VALUE;
            int bpm = -1;
            int c = in.token();
            while (c != '}') {
                byte[] name = name(c);
                c = in.token();
                if (name == DATE_TIME && c == '"') {
                    epochSecond = time(string());
                } else if (name == VALUE && c == '{') {
                    c = in.token();
                    while (c != '}') {
                        name = name(c);
                        c = in.token();
                        if (name == BPM && (c == '-' || c >= '0' && c <= '9')) {
                            bpm = (int) Math.round(number(c));
                        } else {
                            skip(c, 1);
                        }
                        c = next('}');
                    }
                } else {
                    skip(c, 1);
                }
                c = next('}');
            }
            if (epochSecond != Long.MIN_VALUE && bpm > 0) {
                out.sample(epochSecond, bpm);
            }
        }

        /** After a member's value: the next member's first byte, or {@code close}. */
        private int next(char close) throws IOException {
            int c = in.token();
            if (c == ',') {
                return in.token();
            }
            if (c != close) {
                throw in.malformed("expected ',' or '" + close + "' after a value");
            }
            return c;
        }

        /** A member's name, starting at {@code c}, and its ':': one of the names fbx reads, or null. */
        private byte[] name(int c) throws IOException {
            if (c != '"') {
                throw in.malformed(c == -1 ? "it ends inside an object" : "expected a field name");
            }
            int end = string();
            byte[] b = in.buffer;
            byte[] name = same(b, start, end, DATE_TIME)
                    ? DATE_TIME
                    : same(b, start, end, VALUE) ? VALUE : same(b, start, end, BPM) ? BPM : null;
            if (in.token() != ':') {
                throw in.malformed("expected ':' after a field name");
            }
            return name;
        }

        /**
         * After an opening quote: the index of the closing one, the string's bytes starting at
         * {@link #start} (escapes as written); the position is after it.
         */
        private int string() throws IOException {
            int i = in.position;
            while (true) {
                byte[] b = in.buffer;
                int limit = in.limit;
                while (i < limit) {
                    byte c = b[i];
                    if (c == '"') {
                        start = in.position;
                        in.position = i + 1;
                        return i;
                    }
                    i += c == '\\' ? 2 : 1;
                }
                int scanned = i - in.position;
                if (!in.fill(in.position)) {
                    throw in.malformed("it ends inside a string");
                }
                i = in.position + scanned;
            }
        }

        /** The string read last, {@code MM/dd/yy HH:mm:ss}, as epoch seconds. */
        private long time(int end) {
            if (end - start > time.length) {
                throw Archive.broken(in.entry, "has a dateTime that is not MM/dd/yy HH:mm:ss", null);
            }
            for (int i = start; i < end; i++) {
                time[i - start] = (char) (in.buffer[i] & 0xff);
            }
            return Readers.slashTime(time, 0, end - start, in.entry, dates);
        }

        /** A JSON number whose first byte, {@code c}, was read. */
        private double number(int c) throws IOException {
            int from = in.position - 1;
            int i = in.position;
            while (true) {
                byte[] b = in.buffer;
                int limit = in.limit;
                while (i < limit
                        && (b[i] >= '0' && b[i] <= '9'
                                || b[i] == '.'
                                || b[i] == 'e'
                                || b[i] == 'E'
                                || b[i] == '+'
                                || b[i] == '-')) {
                    i++;
                }
                if (i < limit) {
                    break;
                }
                int scanned = i - from;
                if (!in.fill(from)) {
                    break;
                }
                from = 0;
                i = scanned;
            }
            in.position = i;
            byte[] b = in.buffer;
            long whole = 0;
            int digit = from;
            while (digit < i && b[digit] >= '0' && b[digit] <= '9' && digit - from < 18) {
                whole = whole * 10 + (b[digit++] - '0');
            }
            if (digit == i && i > from) {
                return whole;
            }
            String text = new String(b, from, i - from, StandardCharsets.US_ASCII);
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw in.malformed("'" + text + "' is not a number");
            }
        }

        /** Skips a value starting at {@code c}, checking that it is JSON. */
        private void skip(int c, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw in.malformed("it nests deeper than " + MAX_DEPTH);
            }
            switch (c) {
                case '"' -> string();
                case '{' -> {
                    c = in.token();
                    while (c != '}') {
                        name(c);
                        skip(in.token(), depth + 1);
                        c = next('}');
                    }
                }
                case '[' -> {
                    c = in.token();
                    while (c != ']') {
                        skip(c, depth + 1);
                        c = next(']');
                    }
                }
                case 't' -> literal("rue");
                case 'f' -> literal("alse");
                case 'n' -> literal("ull");
                default -> {
                    if (c != '-' && (c < '0' || c > '9')) {
                        throw in.malformed(c == -1 ? "it ends where a value belongs" : "expected a value");
                    }
                    number(c);
                }
            }
        }

        private void literal(String rest) throws IOException {
            for (int i = 0; i < rest.length(); i++) {
                if (in.next() != rest.charAt(i)) {
                    throw in.malformed("expected a value");
                }
            }
        }
    }

    /** The CSV shape: a header naming the columns, then a sample a line (CRLF or LF, RFC 4180 quotes). */
    private static final class Csv {
        private final Bytes in;
        private final Samples out;
        private int timestamp = -1;
        private int bpm = -1;
        private int columns;
        /** Where the current line's time and bpm fields are: start and end in the buffer. */
        private int timeStart;

        private int timeEnd;
        private int bpmStart;
        private int bpmEnd;
        /** The last date converted: a file's samples share one or two. */
        private int dateKey = -1;

        private long epochDay;

        Csv(Bytes in, Samples out) {
            this.in = in;
            this.out = out;
        }

        void file() throws IOException {
            int end = line();
            if (end < 0) {
                return;
            }
            String header = new String(in.buffer, in.position, end - in.position, StandardCharsets.UTF_8);
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            String[] names = header.split(",", -1);
            columns = names.length;
            for (int i = 0; i < names.length; i++) {
                String name = names[i].trim();
                timestamp = name.equals("timestamp") ? i : timestamp;
                bpm = name.equals("beats per minute") ? i : bpm;
            }
            in.position = Math.min(end + 1, in.limit);
            while ((end = line()) >= 0) {
                in.line++;
                if (fields(end) && timeStart < timeEnd && bpmStart < bpmEnd) {
                    double value = number();
                    if (value > 0) {
                        out.sample(instant(), (int) Math.round(value));
                    }
                }
                in.position = Math.min(end + 1, in.limit);
            }
        }

        /** Where the line starting at the position ends (its '\n', or the end of the entry); -1 after the last. */
        private int line() throws IOException {
            int from = in.position;
            while (true) {
                byte[] b = in.buffer;
                int end = in.limit;
                for (int i = from; i < end; i++) {
                    if (b[i] == '\n') {
                        return i;
                    }
                }
                from = in.limit - in.position;
                if (!in.fill(in.position)) {
                    return in.position < in.limit ? in.limit : -1;
                }
                from += in.position;
            }
        }

        /** Finds the time and bpm fields of the line before {@code end}; false for a blank line. */
        private boolean fields(int end) {
            byte[] b = in.buffer;
            int lineEnd = end > in.position && b[end - 1] == '\r' ? end - 1 : end;
            timeStart = timeEnd = bpmStart = bpmEnd = 0;
            if (lineEnd == in.position) {
                return false;
            }
            int field = 0;
            int start = in.position;
            while (true) {
                int stop = start;
                if (stop < lineEnd && b[stop] == '"') {
                    // Quoted: to the closing quote ("" is a quote inside).
                    stop++;
                    while (stop < lineEnd && !(b[stop] == '"' && (stop + 1 >= lineEnd || b[stop + 1] != '"'))) {
                        stop += b[stop] == '"' ? 2 : 1;
                    }
                    if (stop >= lineEnd) {
                        throw Archive.broken(in.entry, "has an unclosed quote on line " + in.line, null);
                    }
                    stop++;
                }
                while (stop < lineEnd && b[stop] != ',') {
                    stop++;
                }
                if (field >= columns) {
                    throw Archive.broken(
                            in.entry,
                            "has more than " + columns + " fields on line " + in.line + " under a header of " + columns,
                            null);
                }
                int from = start;
                int to = stop;
                while (from < to && (b[from] == ' ' || b[from] == '"')) {
                    from++;
                }
                while (to > from && (b[to - 1] == ' ' || b[to - 1] == '"')) {
                    to--;
                }
                if (field == timestamp) {
                    timeStart = from;
                    timeEnd = to;
                } else if (field == bpm) {
                    bpmStart = from;
                    bpmEnd = to;
                }
                if (stop >= lineEnd) {
                    return true;
                }
                field++;
                start = stop + 1;
            }
        }

        /** The bpm field: {@code 65.0}; NaN is none. */
        private double number() {
            byte[] b = in.buffer;
            long whole = 0;
            long fraction = 0;
            long scale = 1;
            int i = bpmStart;
            while (i < bpmEnd && b[i] >= '0' && b[i] <= '9' && i - bpmStart < 9) {
                whole = whole * 10 + (b[i++] - '0');
            }
            if (i < bpmEnd && b[i] == '.' && i > bpmStart) {
                i++;
                while (i < bpmEnd && b[i] >= '0' && b[i] <= '9' && scale < 1_000_000_000L) {
                    fraction = fraction * 10 + (b[i++] - '0');
                    scale *= 10;
                }
            }
            if (i == bpmEnd && i > bpmStart) {
                return whole + fraction / (double) scale;
            }
            String text = new String(b, bpmStart, bpmEnd - bpmStart, StandardCharsets.UTF_8);
            if (text.equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw Archive.broken(in.entry, "has '" + text + "' where a number belongs (line " + in.line + ")", e);
            }
        }

        /** The timestamp field: {@code 2024-10-27T00:00:04Z} read in place; any other ISO instant the slow way. */
        private long instant() {
            byte[] b = in.buffer;
            int s = timeStart;
            if (timeEnd - s == 20
                    && b[s + 4] == '-'
                    && b[s + 7] == '-'
                    && b[s + 10] == 'T'
                    && b[s + 13] == ':'
                    && b[s + 16] == ':'
                    && b[s + 19] == 'Z') {
                int year = digits(b, s, 4);
                int month = digits(b, s + 5, 2);
                int day = digits(b, s + 8, 2);
                int hour = digits(b, s + 11, 2);
                int minute = digits(b, s + 14, 2);
                int second = digits(b, s + 17, 2);
                if (year >= 0
                        && month >= 0
                        && day >= 0
                        && hour >= 0
                        && hour < 24
                        && minute >= 0
                        && minute < 60
                        && second >= 0
                        && second < 60) {
                    int key = (year * 13 + month) * 32 + day;
                    if (key != dateKey) {
                        try {
                            epochDay = LocalDate.of(year, month, day).toEpochDay();
                        } catch (DateTimeException e) {
                            throw notATime(e);
                        }
                        dateKey = key;
                    }
                    return epochDay * 86_400 + hour * 3600L + minute * 60L + second;
                }
            }
            try {
                return Instant.parse(text(timeStart, timeEnd)).getEpochSecond();
            } catch (DateTimeParseException e) {
                throw notATime(e);
            }
        }

        private RuntimeException notATime(RuntimeException e) {
            return Archive.broken(
                    in.entry,
                    "has a timestamp that is not a time ('" + text(timeStart, timeEnd) + "', line " + in.line + ")",
                    e);
        }

        private String text(int from, int to) {
            return new String(in.buffer, from, to - from, StandardCharsets.UTF_8);
        }

        /** {@code count} decimal digits as a number; -1 if one is not a digit. */
        private static int digits(byte[] b, int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return -1;
                }
                value = value * 10 + (b[i] - '0');
            }
            return value;
        }
    }
}
