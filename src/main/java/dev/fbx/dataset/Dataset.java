package dev.fbx.dataset;

import dev.fbx.FbxException;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Row;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import dev.fbx.record.Spo2Sample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every kind of data fbx serves, listed once, each with its schema: the command ({@code type}) and
 * {@code --detail} that print it, its typed columns and how its record gives each value, the column
 * that identifies a row, and how a written row becomes the record again. Commands and their help,
 * {@code sync --types}, the plan, the CSV files and their reader, the PostgreSQL tables and the
 * report all read this list; the order of {@link #values()} is the order a sync fetches in (daily
 * summaries first: they are cheap). Sources serve datasets as streams ({@code source.Stream}).
 *
 * @param <R> the record a row of the dataset is
 */
public final class Dataset<R extends Row> {
    public static final Dataset<HeartRateDay> HR_DAY = new Dataset<>(
            "hr-day",
            "hr",
            "day",
            "date",
            v -> new HeartRateDay(v.date(), v.integer(), v.integer(), v.integer(), v.integer(), v.integer()),
            List.of(
                    date("date", HeartRateDay::date), integer("resting_heart_rate", HeartRateDay::restingHeartRate),
                    integer("out_of_range_minutes", HeartRateDay::outOfRangeMinutes),
                            integer("fat_burn_minutes", HeartRateDay::fatBurnMinutes),
                    integer("cardio_minutes", HeartRateDay::cardioMinutes),
                            integer("peak_minutes", HeartRateDay::peakMinutes)));
    public static final Dataset<HrvDay> HRV_DAY = new Dataset<>(
            "hrv-day",
            "hrv",
            "day",
            "date",
            v -> new HrvDay(v.date(), v.decimal(), v.decimal(), v.decimal(), v.decimal()),
            List.of(
                    date("date", HrvDay::date),
                    decimal("daily_rmssd", HrvDay::dailyRmssd),
                    decimal("deep_rmssd", HrvDay::deepRmssd),
                    decimal("nrem_heart_rate", HrvDay::nremHeartRate),
                    decimal("entropy", HrvDay::entropy)));
    public static final Dataset<Spo2Day> SPO2 = new Dataset<>(
            "spo2",
            "spo2",
            "day",
            "date",
            v -> new Spo2Day(v.date(), v.decimal(), v.decimal(), v.decimal()),
            List.of(
                    date("date", Spo2Day::date),
                    decimal("avg", Spo2Day::avg),
                    decimal("min", Spo2Day::min),
                    decimal("max", Spo2Day::max)));
    public static final Dataset<BreathingRateDay> BR = new Dataset<>(
            "br",
            "br",
            "day",
            "date",
            v -> new BreathingRateDay(v.date(), v.decimal()),
            List.of(date("date", BreathingRateDay::date), decimal("breathing_rate", BreathingRateDay::breathingRate)));
    public static final Dataset<SkinTemperatureDay> TEMP = new Dataset<>(
            "temp",
            "temp",
            "day",
            "date",
            v -> new SkinTemperatureDay(v.date(), v.decimal()),
            List.of(
                    date("date", SkinTemperatureDay::date),
                    decimal("nightly_relative", SkinTemperatureDay::nightlyRelative)));
    /** Keyed by its start: a day can hold a night and naps. */
    public static final Dataset<Sleep> SLEEP = new Dataset<>(
            "sleep",
            "sleep",
            "day",
            "start",
            v -> new Sleep(
                    v.date(),
                    v.time(),
                    v.time(),
                    v.bool(),
                    v.integer(),
                    v.integer(),
                    v.integer(),
                    v.integer(),
                    v.integer(),
                    v.integer()),
            List.of(
                    date("date", Sleep::date),
                    time("start", Sleep::start),
                    time("end", Sleep::end),
                    bool("main_sleep", Sleep::mainSleep),
                    integer("minutes_asleep", Sleep::minutesAsleep),
                    integer("minutes_awake", Sleep::minutesAwake),
                    integer("deep_minutes", Sleep::deepMinutes),
                    integer("light_minutes", Sleep::lightMinutes),
                    integer("rem_minutes", Sleep::remMinutes),
                    integer("wake_minutes", Sleep::wakeMinutes)));
    /** A window belongs to the night it measures, which its time may precede by an evening: the file's day is that night. */
    public static final Dataset<HrvSample> HRV_INTRADAY = new Dataset<>(
            "hrv-intraday",
            "hrv",
            "intraday",
            "time",
            v -> new HrvSample(v.day(), v.time(), v.decimal(), v.decimal(), v.decimal(), v.decimal()),
            List.of(
                    time("time", HrvSample::time),
                    decimal("rmssd", HrvSample::rmssd),
                    decimal("coverage", HrvSample::coverage),
                    decimal("hf", HrvSample::hf),
                    decimal("lf", HrvSample::lf)));
    /** A reading belongs to the night it measures, as an HRV window does. */
    public static final Dataset<Spo2Sample> SPO2_MINUTE = new Dataset<>(
            "spo2-minute",
            "spo2",
            "minute",
            "time",
            v -> new Spo2Sample(v.day(), v.time(), v.decimal()),
            List.of(time("time", Spo2Sample::time), decimal("spo2", Spo2Sample::spo2)));

    public static final Dataset<HeartRateSample> HR_15MIN = heartRate(Resolution.FIFTEEN_MINUTES);
    public static final Dataset<HeartRateSample> HR_5MIN = heartRate(Resolution.FIVE_MINUTES);
    public static final Dataset<HeartRateSample> HR_1MIN = heartRate(Resolution.MINUTE);
    public static final Dataset<HeartRateSample> HR_1SEC = heartRate(Resolution.SECOND);

    private static final List<Dataset<?>> ALL = List.of(
            HR_DAY, HRV_DAY, SPO2, BR, TEMP, SLEEP, HRV_INTRADAY, SPO2_MINUTE, HR_15MIN, HR_5MIN, HR_1MIN, HR_1SEC);

    private final String id;
    private final String type;
    private final String detail;
    private final String key;
    private final Function<Values, R> record;
    private final List<Column<R>> columns;
    private final List<String> columnNames;
    private final Resolution resolution;

    private Dataset(
            String id, String type, String detail, String key, Function<Values, R> record, List<Column<R>> columns) {
        this(id, type, detail, key, record, columns, null);
    }

    private Dataset(
            String id,
            String type,
            String detail,
            String key,
            Function<Values, R> record,
            List<Column<R>> columns,
            Resolution resolution) {
        this.id = id;
        this.type = type;
        this.detail = detail;
        this.key = key;
        this.record = record;
        this.columns = columns;
        this.columnNames = columns.stream().map(Column::name).toList();
        this.resolution = resolution;
    }

    private static Dataset<HeartRateSample> heartRate(Resolution resolution) {
        return new Dataset<>(
                "hr-" + resolution.label(),
                "hr",
                resolution.label(),
                "time",
                v -> new HeartRateSample(v.time(), v.decimal()),
                List.of(time("time", HeartRateSample::time), decimal("heart_rate", HeartRateSample::heartRate)),
                resolution);
    }

    private static <R> Column<R> date(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.DATE, value);
    }

    private static <R> Column<R> time(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.TIMESTAMP, value);
    }

    private static <R> Column<R> integer(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.INTEGER, value);
    }

    private static <R> Column<R> decimal(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.DECIMAL, value);
    }

    private static <R> Column<R> bool(String name, Function<? super R, ?> value) {
        return new Column<>(name, ColumnType.BOOLEAN, value);
    }

    /** Every dataset, in fetch order. */
    public static List<Dataset<?>> values() {
        return ALL;
    }

    /** The name in {@code sync --types}, in sync's folders ({@code DIR/<id>/}) and, with '-' as '_', in table names. */
    public String id() {
        return id;
    }

    /** The command that prints it ({@code hr}, {@code hrv}, ...), which {@code sync --types} also accepts. */
    public String type() {
        return type;
    }

    /** The command's {@code --detail} that prints it: {@code day} for daily summaries. */
    public String detail() {
        return detail;
    }

    /** The column that tells a row from the others of one account: {@code date}, {@code time}, or {@code start} for sleep (naps). */
    public String key() {
        return key;
    }

    public List<Column<R>> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columnNames;
    }

    /** The intraday heart-rate resolution of an {@code hr-<detail>} dataset; null for the others. */
    public Resolution resolution() {
        return resolution;
    }

    public boolean daily() {
        return detail.equals("day");
    }

    /** The value of column {@code column} of a row of this dataset. */
    @SuppressWarnings("unchecked")
    public Object value(Row row, int column) {
        return columns.get(column).value().apply((R) row);
    }

    /**
     * A record of this dataset from its values in column order, typed as the columns are (a
     * {@code Double} for a decimal, an {@code Integer} for an integer, null for none or a column the
     * store lacks): for sources that read the columns one by one, and a database's written rows.
     */
    public R record(LocalDate day, Object... values) {
        return record.apply(new Values(day, values));
    }

    /** Whether {@code row} holds a value besides its key and date: a row that holds none is no row. */
    public boolean holdsValues(R row) {
        for (int i = 0; i < columns.size(); i++) {
            String name = columnNames.get(i);
            if (!name.equals(key)
                    && !name.equals("date")
                    && columns.get(i).value().apply(row) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * One row of two that describe the same key (the same night, window or instant): per column,
     * {@code preferred}'s value where it has one, else {@code other}'s.
     */
    public R merge(R preferred, R other) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = columns.get(i).value().apply(preferred);
            values[i] = value != null ? value : columns.get(i).value().apply(other);
        }
        return record(preferred.day(), values);
    }

    /**
     * Turns written rows back into records: a reader for files whose header is {@code header},
     * which may lack columns added after the file was written (they read as empty) but not hold
     * columns this dataset does not have.
     *
     * @throws IllegalArgumentException naming the first column this dataset does not have
     */
    public RowReader<R> reader(List<String> header) {
        int[] positions = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            positions[i] = columnNames.indexOf(header.get(i));
            if (positions[i] < 0) {
                throw new IllegalArgumentException("'" + header.get(i) + "' is not a column of " + id + " ("
                        + String.join(",", columnNames) + ")");
            }
        }
        return (day, fields) -> {
            if (fields.size() != positions.length) {
                throw new IllegalArgumentException(
                        "it has " + fields.size() + " fields under a header of " + positions.length);
            }
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < positions.length; i++) {
                String field = fields.get(i);
                Column<R> column = columns.get(positions[i]);
                if (field == null || field.isEmpty()) {
                    if (column.name().equals(key)) {
                        throw new IllegalArgumentException(column.name() + " is empty");
                    }
                    continue;
                }
                try {
                    values[positions[i]] = column.type().parse(field);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(column.name() + " '" + field + "' is not "
                            + column.type().description());
                }
            }
            return record(day, values);
        };
    }

    /** Turns the fields of one written line back into a record. */
    @FunctionalInterface
    public interface RowReader<R> {
        /**
         * @param day    the day the row was written under
         * @param fields the line's fields in the header's order, null or empty for an empty one
         * @throws IllegalArgumentException saying what is wrong with the line
         */
        R read(LocalDate day, List<String> fields);
    }

    /** The columns, as the help of a data command lists them. */
    public String columnsLine() {
        return String.join(",", columnNames);
    }

    @Override
    public String toString() {
        return id;
    }

    /** The dataset that {@code fbx <type> --detail <detail>} prints. */
    public static Dataset<?> of(String type, String detail) {
        return ALL.stream()
                .filter(d -> d.type.equals(type) && d.detail.equals(detail))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset for " + type + " --detail " + detail));
    }

    /** The dataset called {@code id}, or null. */
    public static Dataset<?> byId(String id) {
        return ALL.stream().filter(d -> d.id.equals(id)).findFirst().orElse(null);
    }

    /** The commands (types) in the order they first appear, each with its daily dataset. */
    public static List<String> types() {
        return ALL.stream().map(Dataset::type).distinct().toList();
    }

    public static List<String> ids() {
        return ALL.stream().map(Dataset::id).toList();
    }

    /** The datasets a command prints, one per {@code --detail}, in the order of this list. */
    public static List<Dataset<?>> ofType(String type) {
        return ALL.stream().filter(d -> d.type.equals(type)).toList();
    }

    /**
     * The datasets {@code --types} names, in fetch order. A type ({@code hr}, {@code hrv}, ...)
     * means its daily dataset, plus its intraday one when {@code --hr-detail}/{@code --hrv-detail}
     * asks for one; dataset ids are taken as they are.
     *
     * @param hrDetail  {@code day} (no intraday) or a resolution
     * @param hrvDetail {@code day} or {@code intraday}
     */
    public static List<Dataset<?>> select(List<String> given, String hrDetail, String hrvDetail) {
        List<String> types = given.stream()
                .map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .toList();
        Map<String, String> details = Map.of(HR_DAY.type, hrDetail, HRV_DAY.type, hrvDetail);
        Set<Dataset<?>> chosen = new LinkedHashSet<>();
        for (String type : types) {
            Dataset<?> named = byId(type);
            if (named != null) {
                chosen.add(named);
            } else if (types().contains(type)) {
                chosen.add(of(type, "day"));
                chosen.add(of(type, details.getOrDefault(type, "day")));
            } else {
                throw FbxException.usage("--types: '" + type + "' is neither a type (" + String.join(", ", types())
                        + ") nor a dataset (" + String.join(", ", ids()) + ").");
            }
        }
        if (chosen.isEmpty()) {
            throw FbxException.usage(
                    "--types names no dataset: give at least one of " + String.join(", ", types()) + ".");
        }
        details.forEach((type, detail) -> {
            String option = type.equals(HR_DAY.type) ? "--hr-detail" : "--hrv-detail";
            if (!detail.equals("day") && !types.contains(type)) {
                String id = of(type, detail).id;
                throw FbxException.usage(
                        option + " " + detail + " adds " + id + " to the '" + type + "' type, which --types leaves out:"
                                + " add " + type + " to --types, or name the dataset (--types " + id + ").");
            }
        });
        List<Dataset<?>> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparingInt(ALL::indexOf));
        return List.copyOf(ordered);
    }
}
