package dev.fbx.sync;

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
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import dev.fbx.source.Resolution;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One kind of file {@code fbx sync} keeps, {@code DIR/<name>/<yyyy-MM-dd>.csv}: the columns of the
 * matching command, how to fetch its rows, and how many days one request of the provider's endpoint
 * may cover, so that a sync asks for each endpoint's largest range and no more requests than needed.
 */
public record Dataset(String name, List<String> columns, int daysPerRequest, Fetch fetch) {
    /** Streams the rows of {@code range} in time order, as the matching command does. */
    @FunctionalInterface
    public interface Fetch {
        void rows(HealthSource source, DateRange range, Consumer<Row> out);
    }

    /** What {@code --types} accepts besides dataset names: a command's name, meaning its daily summary (and intraday detail if asked for). */
    public static final List<String> TYPES = List.of("hr", "hrv", "spo2", "br", "temp", "sleep");

    /** Every dataset name {@code --types} accepts, in the order a sync fetches them (daily summaries first, they are cheap). */
    public static final List<String> NAMES = List.of("hr-day", "hrv-day", "spo2", "br", "temp", "sleep", "hrv-intraday",
            "hr-15min", "hr-5min", "hr-1min", "hr-1sec");

    /**
     * The dataset called {@code name} on {@code provider}. Days per request are the documented
     * maxima (API.md): on Fitbit HR summary a year, HR intraday a day, HRV, SpO2, breathing rate and
     * skin temperature 30 days, sleep 100 days; on Google a rollUp covers at most 14 days, heart-rate
     * samples are paged per day, and daily types are read a year at a time (one page of 10000).
     */
    public static Dataset of(String name, String provider) {
        boolean google = provider.equals("google");
        return switch (name) {
            case "hr-day" -> new Dataset(name, HeartRateDay.COLUMNS, 365, (s, r, out) -> s.heartRateDays(r, out));
            case "hrv-day" -> new Dataset(name, HrvDay.COLUMNS, google ? 365 : 30, (s, r, out) -> s.hrvDays(r, out));
            case "hrv-intraday" -> new Dataset(name, HrvSample.COLUMNS, 30, (s, r, out) -> s.hrvSamples(r, out));
            case "spo2" -> new Dataset(name, Spo2Day.COLUMNS, google ? 365 : 30, (s, r, out) -> s.spo2Days(r, out));
            case "br" -> new Dataset(name, BreathingRateDay.COLUMNS, google ? 365 : 30, (s, r, out) -> s.breathingRateDays(r, out));
            case "temp" -> new Dataset(name, SkinTemperatureDay.COLUMNS, google ? 365 : 30, (s, r, out) -> s.skinTemperatureDays(r, out));
            case "sleep" -> new Dataset(name, Sleep.COLUMNS, google ? 30 : 100, (s, r, out) -> s.sleeps(r, out));
            case "hr-1sec", "hr-1min", "hr-5min", "hr-15min" -> {
                Resolution resolution = Resolution.of(name.substring("hr-".length()));
                // An archive's heart-rate file of a day is read with its two neighbours (samples straddle midnight):
                // a week per chunk reads each file about once, and holds a week of rows at most.
                int days = provider.equals("archive") ? 7 : google && resolution != Resolution.SECOND ? 14 : 1;
                yield new Dataset(name, HeartRateSample.COLUMNS, days, (s, r, out) -> s.heartRateSamples(r, resolution, out));
            }
            default -> throw new IllegalArgumentException("no dataset " + name);
        };
    }

    /**
     * The datasets {@code --types} names, in fetch order. A type ({@code hr}, {@code hrv}, ...)
     * means its daily dataset, plus {@code hr-<hrDetail>} for {@code hr} and {@code hrv-intraday}
     * for {@code hrv} when those details ask for intraday data; dataset names are taken as they are.
     *
     * @param hrDetail  {@code day} (no intraday) or a resolution
     * @param hrvDetail {@code day} or {@code intraday}
     */
    public static List<Dataset> select(List<String> given, String hrDetail, String hrvDetail, String provider) {
        List<String> types = given.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
        Set<String> names = new LinkedHashSet<>();
        for (String type : types) {
            switch (type) {
                case "hr" -> {
                    names.add("hr-day");
                    if (!hrDetail.equals("day")) {
                        names.add("hr-" + hrDetail);
                    }
                }
                case "hrv" -> {
                    names.add("hrv-day");
                    if (hrvDetail.equals("intraday")) {
                        names.add("hrv-intraday");
                    }
                }
                case "spo2", "br", "temp", "sleep" -> names.add(type);
                default -> {
                    if (!NAMES.contains(type)) {
                        throw FbxException.usage("--types: '" + type + "' is neither a type (" + String.join(", ", TYPES)
                                + ") nor a dataset (" + String.join(", ", NAMES) + ").");
                    }
                    names.add(type);
                }
            }
        }
        if (names.isEmpty()) {
            throw FbxException.usage("--types names no dataset: give at least one of " + String.join(", ", TYPES) + ".");
        }
        if (!hrDetail.equals("day") && !types.contains("hr")) {
            throw FbxException.usage("--hr-detail " + hrDetail + " adds hr-" + hrDetail + " to the 'hr' type, which --types leaves out:"
                    + " add hr to --types, or name the dataset (--types hr-" + hrDetail + ").");
        }
        if (hrvDetail.equals("intraday") && !types.contains("hrv")) {
            throw FbxException.usage("--hrv-detail intraday adds hrv-intraday to the 'hrv' type, which --types leaves out:"
                    + " add hrv to --types, or name the dataset (--types hrv-intraday).");
        }
        List<Dataset> selected = new ArrayList<>();
        for (String name : NAMES) {
            if (names.contains(name)) {
                selected.add(of(name, provider));
            }
        }
        return selected;
    }
}
