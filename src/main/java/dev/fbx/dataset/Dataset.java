package dev.fbx.dataset;

import static dev.fbx.dataset.Column.bool;
import static dev.fbx.dataset.Column.date;
import static dev.fbx.dataset.Column.decimal;
import static dev.fbx.dataset.Column.integer;
import static dev.fbx.dataset.Column.time;

import dev.fbx.FbxException;
import dev.fbx.record.Row;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import dev.fbx.source.Resolution;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every kind of data fbx serves, listed once: the command ({@code type}) and {@code --detail} that
 * print it, its typed columns (in the order of {@link Row#values()}), the column that identifies a
 * row, and how a source's rows are asked for. Commands, {@code sync --types}, the plan, the sinks'
 * schemas and the report all read this list; the declaration order is the order a sync fetches in
 * (daily summaries first: they are cheap).
 */
public enum Dataset {
    HR_DAY("hr-day", "hr", "day", "date", List.of(date("date"), integer("resting_heart_rate"), integer("out_of_range_minutes"),
            integer("fat_burn_minutes"), integer("cardio_minutes"), integer("peak_minutes")), HealthSource::heartRateDays),
    HRV_DAY("hrv-day", "hrv", "day", "date", List.of(date("date"), decimal("daily_rmssd"), decimal("deep_rmssd")), HealthSource::hrvDays),
    SPO2("spo2", "spo2", "day", "date", List.of(date("date"), decimal("avg"), decimal("min"), decimal("max")), HealthSource::spo2Days),
    BR("br", "br", "day", "date", List.of(date("date"), decimal("breathing_rate")), HealthSource::breathingRateDays),
    TEMP("temp", "temp", "day", "date", List.of(date("date"), decimal("nightly_relative")), HealthSource::skinTemperatureDays),
    SLEEP("sleep", "sleep", "day", "start", List.of(date("date"), time("start"), time("end"), bool("main_sleep"), integer("minutes_asleep"),
            integer("minutes_awake"), integer("deep_minutes"), integer("light_minutes"), integer("rem_minutes"), integer("wake_minutes")),
            HealthSource::sleeps),
    HRV_INTRADAY("hrv-intraday", "hrv", "intraday", "time", List.of(time("time"), decimal("rmssd"), decimal("coverage"), decimal("hf"),
            decimal("lf")), HealthSource::hrvSamples),
    HR_15MIN("hr-15min", "hr", Resolution.FIFTEEN_MINUTES),
    HR_5MIN("hr-5min", "hr", Resolution.FIVE_MINUTES),
    HR_1MIN("hr-1min", "hr", Resolution.MINUTE),
    HR_1SEC("hr-1sec", "hr", Resolution.SECOND);

    /** How a source streams a dataset's rows for a range: in time order, each once. */
    @FunctionalInterface
    public interface Fetch {
        void rows(HealthSource source, DateRange range, Consumer<? super Row> out);
    }

    private final String id;
    private final String type;
    private final String detail;
    private final String key;
    private final List<Column> columns;
    private final Fetch fetch;
    private final Resolution resolution;

    Dataset(String id, String type, String detail, String key, List<Column> columns, Fetch fetch) {
        this(id, type, detail, key, columns, fetch, null);
    }

    Dataset(String id, String type, Resolution resolution) {
        this(id, type, resolution.label(), "time", List.of(time("time"), decimal("heart_rate")),
                (source, range, out) -> source.heartRateSamples(range, resolution, out), resolution);
    }

    Dataset(String id, String type, String detail, String key, List<Column> columns, Fetch fetch, Resolution resolution) {
        this.id = id;
        this.type = type;
        this.detail = detail;
        this.key = key;
        this.columns = columns;
        this.fetch = fetch;
        this.resolution = resolution;
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

    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The intraday heart-rate resolution of an {@code hr-<detail>} dataset; null for the others. */
    public Resolution resolution() {
        return resolution;
    }

    public boolean daily() {
        return detail.equals("day");
    }

    public void fetch(HealthSource source, DateRange range, Consumer<? super Row> out) {
        fetch.rows(source, range, out);
    }

    /** The dataset that {@code fbx <type> --detail <detail>} prints. */
    public static Dataset of(String type, String detail) {
        return Arrays.stream(values()).filter(d -> d.type.equals(type) && d.detail.equals(detail)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset for " + type + " --detail " + detail));
    }

    /** The dataset called {@code id}, or null. */
    public static Dataset byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst().orElse(null);
    }

    /** The commands (types) in the order they first appear, each with its daily dataset. */
    public static List<String> types() {
        return Arrays.stream(values()).map(Dataset::type).distinct().toList();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Dataset::id).toList();
    }

    /**
     * The datasets {@code --types} names, in fetch order. A type ({@code hr}, {@code hrv}, ...)
     * means its daily dataset, plus its intraday one when {@code --hr-detail}/{@code --hrv-detail}
     * asks for one; dataset ids are taken as they are.
     *
     * @param hrDetail  {@code day} (no intraday) or a resolution
     * @param hrvDetail {@code day} or {@code intraday}
     */
    public static List<Dataset> select(List<String> given, String hrDetail, String hrvDetail) {
        List<String> types = given.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
        Map<String, String> details = Map.of(HR_DAY.type, hrDetail, HRV_DAY.type, hrvDetail);
        Set<Dataset> chosen = EnumSet.noneOf(Dataset.class);
        for (String type : types) {
            Dataset named = byId(type);
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
            throw FbxException.usage("--types names no dataset: give at least one of " + String.join(", ", types()) + ".");
        }
        details.forEach((type, detail) -> {
            String option = type.equals(HR_DAY.type) ? "--hr-detail" : "--hrv-detail";
            if (!detail.equals("day") && !types.contains(type)) {
                String id = of(type, detail).id;
                throw FbxException.usage(option + " " + detail + " adds " + id + " to the '" + type + "' type, which --types leaves out:"
                        + " add " + type + " to --types, or name the dataset (--types " + id + ").");
            }
        });
        return List.copyOf(chosen);
    }
}
