package dev.fbx.report;

import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.output.CsvLine;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import dev.fbx.source.DateRange;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads what a report draws from a directory that {@code fbx sync --out} wrote,
 * {@code DIR/<dataset>/<yyyy-MM-dd>.csv}, back into records, without any request. A missing
 * file is a day without data (a gap); a file that is not what sync writes stops the report (65),
 * naming the file.
 */
public final class SyncDirectoryReader {
    /** The intraday heart-rate folders the hours-covered calendar may come from, coarsest (fewest rows to read) first. */
    static final List<Dataset> HOURS_DATASETS = List.of(Dataset.HR_15MIN, Dataset.HR_5MIN, Dataset.HR_1MIN, Dataset.HR_1SEC);
    private static final List<Dataset> DAILY_DATASETS = List.of(Dataset.HRV_DAY, Dataset.HR_DAY, Dataset.SLEEP, Dataset.SPO2, Dataset.BR, Dataset.TEMP);

    private final Path dir;

    private SyncDirectoryReader(Path dir) {
        this.dir = dir;
    }

    public static ReportData read(Path dir, DateRange range) {
        if (!Files.isDirectory(dir)) {
            throw FbxException.usage("--in " + dir + " is not a directory: give the directory that 'fbx sync --out' writes.");
        }
        if (DAILY_DATASETS.stream().noneMatch(d -> Files.isDirectory(dir.resolve(d.id())))
                && HOURS_DATASETS.stream().noneMatch(d -> Files.isDirectory(dir.resolve(d.id())))) {
            throw FbxException.usage("--in " + dir + " holds none of the folders 'fbx sync' writes ("
                    + String.join(", ", DAILY_DATASETS.stream().map(Dataset::id).toList()) + ", hr-15min, ...):"
                    + " give the directory that 'fbx sync --out' writes.");
        }
        SyncDirectoryReader reader = new SyncDirectoryReader(dir);
        ReportData data = new ReportData(range);
        reader.each(Dataset.HRV_DAY, data.withHistory(),
                f -> new HrvDay(f.date(0), f.decimal(1), f.decimal(2)), data::hrv);
        reader.each(Dataset.HR_DAY, data.withHistory(),
                f -> new HeartRateDay(f.date(0), f.integer(1), f.integer(2), f.integer(3), f.integer(4), f.integer(5)), data::heartRate);
        reader.each(Dataset.SLEEP, range, f -> new Sleep(f.date(0), f.time(1), f.time(2), f.bool(3), f.integer(4),
                f.integer(5), f.integer(6), f.integer(7), f.integer(8), f.integer(9)), data::sleep);
        reader.each(Dataset.SPO2, range, f -> new Spo2Day(f.date(0), f.decimal(1), f.decimal(2), f.decimal(3)), data::spo2);
        reader.each(Dataset.BR, range, f -> new BreathingRateDay(f.date(0), f.decimal(1)), data::breathingRate);
        reader.each(Dataset.TEMP, range, f -> new SkinTemperatureDay(f.date(0), f.decimal(1)), data::skinTemperature);
        for (Dataset hours : HOURS_DATASETS) {
            if (Files.isDirectory(dir.resolve(hours.id()))) {
                data.hoursFrom(hours.id());
                reader.each(hours, range, f -> new HeartRateSample(f.time(0), f.decimal(1)), data::heartRateSample);
                break;
            }
        }
        return data;
    }

    private <T> void each(Dataset dataset, DateRange range, Function<Fields, T> parse, Consumer<T> out) {
        List<String> columns = dataset.columnNames();
        Path folder = dir.resolve(dataset.id());
        if (!Files.isDirectory(folder)) {
            return;
        }
        String header = String.join(",", columns);
        for (LocalDate day = range.start(); !day.isAfter(range.end()); day = day.plusDays(1)) {
            Path file = folder.resolve(day + ".csv");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String first = lines.readLine();
                if (!header.equals(first)) {
                    throw unreadable(file, 1, "its header is not " + dataset.id() + "'s columns '" + header + "'");
                }
                int number = 1;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    number++;
                    if (line.isEmpty()) {
                        continue;
                    }
                    Fields fields;
                    try {
                        fields = new Fields(CsvLine.fields(line), columns);
                    } catch (IllegalArgumentException e) {
                        throw unreadable(file, number, e.getMessage());
                    }
                    if (fields.values.size() != columns.size()) {
                        throw unreadable(file, number, "it has " + fields.values.size() + " fields, not " + columns.size());
                    }
                    try {
                        out.accept(parse.apply(fields));
                    } catch (RuntimeException e) {
                        throw unreadable(file, number, e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw FbxException.badData("Cannot read " + file + " (" + e.getMessage() + "): check its permissions.", e);
            }
        }
    }

    private static FbxException unreadable(Path file, int line, String why) {
        return FbxException.badData(file + " line " + line + " is not what 'fbx sync' writes (" + why
                + "): move the file away (sync fetches that day again) and run the report again.", null);
    }


    /*
     * Sync writes dates as yyyy-MM-dd and times as yyyy-MM-ddTHH:mm:ss+HH:MM. Those are read by
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
        if (text.length() == 25 && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(22) == ':'
                && (text.charAt(19) == '+' || text.charAt(19) == '-')) {
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int offsetHours = digits(text, 20, 22);
            int offsetMinutes = digits(text, 23, 25);
            if (hour >= 0 && minute >= 0 && second >= 0 && offsetHours >= 0 && offsetMinutes >= 0) {
                int sign = text.charAt(19) == '-' ? -1 : 1;
                return OffsetDateTime.of(date(text.substring(0, 10)), LocalTime.of(hour, minute, second),
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

    /** A parsed line's fields, typed on request; a value that does not parse says which column it is in. */
    private record Fields(List<String> values, List<String> columns) {
        LocalDate date(int i) {
            return parse(i, "a date", SyncDirectoryReader::date);
        }

        OffsetDateTime time(int i) {
            return parse(i, "a time with its offset", SyncDirectoryReader::time);
        }

        Double decimal(int i) {
            return parse(i, "a number", Double::valueOf);
        }

        Integer integer(int i) {
            return parse(i, "a whole number", Integer::valueOf);
        }

        Boolean bool(int i) {
            return parse(i, "true or false", v -> switch (v) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(v);
            });
        }

        private <T> T parse(int i, String what, Function<String, T> parser) {
            String value = values.get(i);
            if (value == null) {
                if (i == 0) {
                    throw new IllegalArgumentException(columns.get(i) + " is empty");
                }
                return null;
            }
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(columns.get(i) + " '" + value + "' is not " + what);
            }
        }
    }
}
