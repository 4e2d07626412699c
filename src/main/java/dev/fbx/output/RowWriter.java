package dev.fbx.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.record.Row;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes rows of one dataset as CSV (RFC 4180, one header row: the dataset's columns), NDJSON or a
 * JSON array (the columns as keys), streaming. Output to a
 * file goes through an {@link AtomicFile}: the file appears whole on {@link #finish()}, and a
 * failure before that leaves whatever was there before.
 */
public final class RowWriter implements Consumer<Row>, Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    /** ISO-8601 with the offset always as +HH:MM, so local times at UTC+0 read "+00:00", never the "Z" of --utc. */
    private static final DateTimeFormatter OFFSET_TIME = new java.time.format.DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter();

    private final Format format;
    private final Dataset<?> dataset;
    private final List<String> columns;
    private final boolean utc;
    private final AtomicFile file;
    private final Path path;
    private final Writer text;
    /** Standard output, whose errors a PrintWriter only reports when asked. */
    private final PrintWriter stdout;

    private final JsonGenerator json;
    private boolean first = true;
    /** Where a whole number is put together before it is copied into the line buffer. */
    private final char[] scratch = new char[32];
    /**
     * CSV lines are put together here and handed on 64 KB at a time: a Writer takes a lock on every
     * write, and a line of 1-second heart rate is five writes, millions of times.
     */
    private final char[] buffer = new char[1 << 16];

    private int used;

    private long rows;
    /** How often (in rows) a write error on standard output is looked for: a reader that went away stops the fetching. */
    private static final int CHECK_STDOUT_EVERY = 4096;

    private RowWriter(Format format, Dataset<?> dataset, boolean utc, Writer out, AtomicFile file, Path path)
            throws IOException {
        this.format = format;
        this.dataset = dataset;
        this.columns = dataset.columnNames();
        this.utc = utc;
        this.file = file;
        this.path = path;
        this.text = format == Format.csv ? out : new BufferedWriter(out, 1 << 16);
        this.stdout = out instanceof PrintWriter p ? p : null;
        this.json = format == Format.csv
                ? null
                : JSON.createGenerator(text)
                        .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
                        .setRootValueSeparator(null);
        if (format == Format.csv) {
            put(String.join(",", columns));
            put('\n');
        } else if (format == Format.json) {
            json.writeStartArray();
        }
    }

    /**
     * @param path the file to write, or null for {@code stdout}
     * @param utc  times as UTC instants instead of local times with their offset
     */
    public static RowWriter open(Format format, Dataset<?> dataset, boolean utc, Path path, PrintWriter stdout) {
        try {
            if (path == null) {
                return new RowWriter(format, dataset, utc, stdout, null, null);
            }
            AtomicFile file = AtomicFile.create(path);
            try {
                return new RowWriter(
                        format,
                        dataset,
                        utc,
                        new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8),
                        file,
                        path);
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        } catch (IOException e) {
            throw failed(path, e);
        }
    }

    @Override
    public void accept(Row row) {
        try {
            switch (format) {
                case csv -> writeCsvLine(row);
                case ndjson, json -> {
                    if (format == Format.ndjson && !first) {
                        json.writeRaw('\n');
                    }
                    writeJsonObject(row);
                }
            }
            first = false;
        } catch (IOException e) {
            throw failed(path, e);
        }
        if (stdout != null && ++rows % CHECK_STDOUT_EVERY == 0) {
            checkStdout();
        }
    }

    /**
     * A PrintWriter (and System.out beneath it) swallow write errors and only report them when
     * asked: a closed pipe ends fbx quietly, any other failure (a full disk) is exit 74.
     */
    private void checkStdout() {
        if (stdout.checkError() || System.out.checkError()) {
            if (ReaderGoneException.stdoutIsAPipe()) {
                throw new ReaderGoneException();
            }
            throw failed(null, new IOException("write error"));
        }
    }

    /** Ends the output; a file appears only now. */
    public void finish() {
        finish(true);
    }

    /**
     * Ends the output; with {@code syncRename} false, a file's new name is not waited for: the
     * caller syncs its directory (one sync for several files).
     */
    public void finish(boolean syncRename) {
        try {
            if (format == Format.json) {
                json.writeEndArray();
                json.writeRaw('\n');
            } else if (format == Format.ndjson && !first) {
                json.writeRaw('\n');
            }
            if (json != null) {
                json.flush();
            }
            drain();
            text.flush();
            if (file != null) {
                file.commit(syncRename);
            } else if (stdout != null) {
                checkStdout();
            }
        } catch (IOException e) {
            throw failed(path, e);
        }
    }

    @Override
    public void close() {
        try {
            if (file != null) {
                file.close();
            } else {
                drain();
                text.flush();
            }
        } catch (IOException e) {
            throw failed(path, e);
        }
    }

    private void writeCsvLine(Row row) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                put(',');
            }
            Object value = dataset.value(row, i);
            // Times and whole numbers need no quotes: written straight from their fields, without a String each.
            if (value instanceof OffsetDateTime time && !utc && plainTime(time)) {
                room(25);
                localTime(time, buffer, used);
                used += 25;
            } else if (value instanceof Integer number) {
                writeInteger(number);
            } else {
                String formatted = format(value);
                if (formatted != null) {
                    put(quoteCsv(formatted));
                }
            }
        }
        put('\n');
    }

    private void put(char c) throws IOException {
        room(1);
        buffer[used++] = c;
    }

    private void put(String text) throws IOException {
        if (text.length() > buffer.length) {
            drain();
            this.text.write(text);
            return;
        }
        room(text.length());
        text.getChars(0, text.length(), buffer, used);
        used += text.length();
    }

    /** Makes room for {@code count} characters (at most the buffer's size) in the line buffer. */
    private void room(int count) throws IOException {
        if (used + count > buffer.length) {
            drain();
        }
    }

    private void drain() throws IOException {
        text.write(buffer, 0, used);
        used = 0;
    }

    private void writeInteger(int value) throws IOException {
        if (value == Integer.MIN_VALUE) {
            put(Integer.toString(value));
            return;
        }
        int at = scratch.length;
        int rest = Math.abs(value);
        do {
            scratch[--at] = (char) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            scratch[--at] = '-';
        }
        room(scratch.length - at);
        System.arraycopy(scratch, at, buffer, used, scratch.length - at);
        used += scratch.length - at;
    }

    private void writeJsonObject(Row row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            Object value = dataset.value(row, i);
            json.writeFieldName(columns.get(i));
            if (value == null) {
                json.writeNull();
            } else if (value instanceof Integer || value instanceof Long) {
                json.writeNumber(((Number) value).longValue());
            } else if (value instanceof Number n) {
                json.writeNumber(new BigDecimal(format(n)));
            } else if (value instanceof Boolean b) {
                json.writeBoolean(b);
            } else {
                json.writeString(format(value));
            }
        }
        json.writeEndObject();
    }

    private String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return utc
                    ? time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT)
                    : localTime(time);
        }
        if (value instanceof Double d) {
            String s = d.toString();
            return s.indexOf('E') >= 0
                    ? BigDecimal.valueOf(d).toPlainString()
                    : s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        return value.toString();
    }

    /**
     * What {@link #OFFSET_TIME} prints, written by hand for whole seconds of four-digit years: a
     * year of 1-second heart rate is millions of times, and the formatter's generality costs more
     * than everything else done per row.
     */
    static String localTime(OffsetDateTime time) {
        if (!plainTime(time)) {
            return OFFSET_TIME.format(time);
        }
        char[] c = new char[25];
        localTime(time, c, 0);
        return new String(c);
    }

    /** Whether {@link #localTime(OffsetDateTime, char[])} can write the time: whole seconds, a four-digit year, a whole-minute offset. */
    private static boolean plainTime(OffsetDateTime time) {
        return time.getNano() == 0
                && time.getYear() >= 1000
                && time.getYear() <= 9999
                && time.getOffset().getTotalSeconds() % 60 == 0;
    }

    /** The 25 characters of a {@link #plainTime} into {@code c} from {@code at}. */
    private static void localTime(OffsetDateTime time, char[] c, int at) {
        int offset = time.getOffset().getTotalSeconds();
        digits(c, at, time.getYear(), 4);
        c[at + 4] = '-';
        digits(c, at + 5, time.getMonthValue(), 2);
        c[at + 7] = '-';
        digits(c, at + 8, time.getDayOfMonth(), 2);
        c[at + 10] = 'T';
        digits(c, at + 11, time.getHour(), 2);
        c[at + 13] = ':';
        digits(c, at + 14, time.getMinute(), 2);
        c[at + 16] = ':';
        digits(c, at + 17, time.getSecond(), 2);
        c[at + 19] = offset < 0 ? '-' : '+';
        int minutes = Math.abs(offset) / 60;
        digits(c, at + 20, minutes / 60, 2);
        c[at + 22] = ':';
        digits(c, at + 23, minutes % 60, 2);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static String quoteCsv(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }

    private static FbxException failed(Path path, IOException e) {
        String where = path == null ? "standard output" : path.toString();
        return FbxException.io(
                "Cannot write " + where + " (" + e.getMessage() + "): check free space and permissions."
                        + (path == null ? "" : " Nothing was written to it."),
                e);
    }
}
