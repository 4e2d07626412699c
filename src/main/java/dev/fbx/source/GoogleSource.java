package dev.fbx.source;

import static dev.fbx.source.GooglePages.PAGE_SIZE;
import static dev.fbx.source.GooglePages.SLEEP_PAGE_SIZE;
import static dev.fbx.source.GoogleValues.between;
import static dev.fbx.source.GoogleValues.civilDate;
import static dev.fbx.source.GoogleValues.count;
import static dev.fbx.source.GoogleValues.earliest;
import static dev.fbx.source.GoogleValues.instant;
import static dev.fbx.source.GoogleValues.latest;
import static dev.fbx.source.GoogleValues.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbx.FbxException;
import dev.fbx.api.GoogleHealthApi;
import dev.fbx.api.Json;
import dev.fbx.api.Transport;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenProvider;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Resolution;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Profile;
import dev.fbx.record.Row;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import dev.fbx.record.Spo2Sample;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Google Health API v4 as the same records as {@link FitbitSource}: each data type mapped to
 * its dataset's record. Lists filter with {@code >=}/{@code <} on the documented field and answer
 * newest first, so each request's points are sorted (and kept once) before they are written.
 * Samples carry their own UTC offset; roll-up windows, which carry none, get the account's zone.
 */
public final class GoogleSource implements Source {
    /**
     * Days per {@code heart-rate} rollUp: its range may span 14 days (RollUpDataPointsRequest.range),
     * and 14 local days across the autumn clock change are an hour longer.
     */
    static final int ROLL_UP_DAYS = 13;
    /** The longest range of a {@code time-in-heart-rate-zone} dailyRollUp. */
    static final int ZONE_DAYS_PER_REQUEST = 90;
    /** Daily and sleep lists have no documented maximum; 90 days of daily points are one page, and rows flow out on long ranges. */
    static final int DAYS_PER_LIST = 90;
    /** HRV is measured in sleep: a sample before noon belongs to that day's night, one after noon to the next day's. */
    private static final LocalTime NIGHT_ENDS = LocalTime.NOON;

    private final GooglePages pages;
    private final GoogleHealthApi api;
    private final TokenProvider tokens;
    private final AccountZone zone;
    private final Streams streams = new Streams();

    /** @param zone the account's zone from {@code --zone}; null to use the cached one, or ask */
    public GoogleSource(GoogleHealthApi api, Transport transport, TokenProvider tokens, ZoneId zone) {
        this.pages = new GooglePages(api, transport, tokens);
        this.api = api;
        this.tokens = tokens;
        this.zone = new AccountZone(
                tokens,
                zone,
                "settings",
                () -> pages.call("settings", api::settings).path("timeZone").asText(null));
        // hr-day asks for two things per range: the resting heart rate and the zones' roll-up.
        streams.with(Dataset.HR_DAY, Stream.chunked(ZONE_DAYS_PER_REQUEST, 2, HeartRateDay::date, this::heartRateDays));
        streams.with(
                Dataset.HRV_DAY,
                daily("daily-heart-rate-variability", "dailyHeartRateVariability", "HRV", (date, value) -> {
                    HrvDay night = new HrvDay(
                            date,
                            Json.number(value.path("averageHeartRateVariabilityMilliseconds")),
                            Json.number(value.path("deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds")),
                            Json.number(value.path("nonRemHeartRateBeatsPerMinute")),
                            Json.number(value.path("entropy")));
                    return Dataset.HRV_DAY.holdsValues(night) ? night : null;
                }));
        streams.with(Dataset.SPO2, daily("daily-oxygen-saturation", "dailyOxygenSaturation", "SpO2", (date, value) -> {
            Double average = Json.number(value.path("averagePercentage"));
            // Google's bounds are a confidence interval of the night's samples, not their extremes.
            return average == null
                    ? null
                    : new Spo2Day(
                            date,
                            average,
                            Json.number(value.path("lowerBoundPercentage")),
                            Json.number(value.path("upperBoundPercentage")));
        }));
        streams.with(
                Dataset.BR, daily("daily-respiratory-rate", "dailyRespiratoryRate", "breathing rate", (date, value) -> {
                    Double rate = Json.number(value.path("breathsPerMinute"));
                    return rate == null ? null : new BreathingRateDay(date, rate);
                }));
        streams.with(
                Dataset.TEMP,
                daily(
                        "daily-sleep-temperature-derivations",
                        "dailySleepTemperatureDerivations",
                        "skin temperature",
                        (date, value) -> SkinTemperatureDay.relative(
                                date,
                                Json.number(value.path("nightlyTemperatureCelsius")),
                                Json.number(value.path("baselineTemperatureCelsius")))));
        streams.with(
                Dataset.SLEEP,
                Stream.chunked(DAYS_PER_LIST, (Sleep s) -> s.start().toInstant(), this::sleeps));
        streams.with(
                Dataset.HRV_INTRADAY,
                Stream.chunked(
                        DAYS_PER_LIST,
                        (HrvSample s) -> s.time().toInstant(),
                        (chunk, row) -> nightSamples(
                                chunk,
                                "heart-rate-variability",
                                "heartRateVariability",
                                "HRV samples",
                                (hrv, time, night) -> {
                                    Double rmssd =
                                            Json.number(hrv.path("rootMeanSquareOfSuccessiveDifferencesMilliseconds"));
                                    if (rmssd != null) {
                                        row.accept(new HrvSample(
                                                night,
                                                time,
                                                rmssd,
                                                null,
                                                Json.number(hrv.path("metadata").path("highFrequencyPower")),
                                                Json.number(hrv.path("metadata").path("lowFrequencyPower"))));
                                    }
                                })));
        streams.with(
                Dataset.SPO2_MINUTE,
                Stream.chunked(
                        DAYS_PER_LIST,
                        (Spo2Sample s) -> s.time().toInstant(),
                        (chunk, row) -> nightSamples(
                                chunk, "oxygen-saturation", "oxygenSaturation", "SpO2 samples", (spo2, time, night) -> {
                                    Double percentage = Json.number(spo2.path("percentage"));
                                    if (Spo2Sample.isReading(percentage)) {
                                        row.accept(new Spo2Sample(night, time, percentage));
                                    }
                                })));
        for (Dataset<HeartRateSample> windows : List.of(Dataset.HR_15MIN, Dataset.HR_5MIN, Dataset.HR_1MIN)) {
            streams.with(
                    windows,
                    Stream.chunked(
                            ROLL_UP_DAYS,
                            (HeartRateSample s) -> s.time().toInstant(),
                            (chunk, row) -> heartRateWindows(chunk, windows.resolution(), row)));
        }
        // Raw samples come several seconds apart: a day is one request (of a few pages) at a time.
        streams.with(
                Dataset.HR_1SEC,
                Stream.chunked(1, (HeartRateSample s) -> s.time().toInstant(), this::heartRateSamples));
    }

    @Override
    public Streams streams() {
        return streams;
    }

    @Override
    public ZoneId zone() {
        return zone.get();
    }

    private void heartRateDays(DateRange chunk, Consumer<HeartRateDay> row) {
        Map<LocalDate, Integer> resting = daily(
                "daily-resting-heart-rate",
                "dailyRestingHeartRate",
                chunk,
                "resting heart rate " + chunk,
                (date, value) -> Json.integer(value.path("beatsPerMinute")));
        Map<LocalDate, Integer[]> zones = zoneMinutes(chunk);
        Set<LocalDate> days = new TreeSet<>(resting.keySet());
        days.addAll(zones.keySet());
        for (LocalDate date : days) {
            Integer[] minutes = zones.getOrDefault(date, new Integer[4]);
            boolean worn = resting.get(date) != null || Arrays.stream(minutes).anyMatch(m -> m != null && m > 0);
            if (worn) {
                row.accept(new HeartRateDay(date, resting.get(date), minutes[0], minutes[1], minutes[2], minutes[3]));
            }
        }
    }

    /**
     * Minutes per Fitbit zone column from the daily roll-up of {@code time-in-heart-rate-zone}:
     * LIGHT is fat burn, MODERATE cardio, VIGOROUS and PEAK peak. Google serves no "out of range"
     * time (it would be the time worn below LIGHT), so that column stays empty.
     */
    private Map<LocalDate, Integer[]> zoneMinutes(DateRange chunk) {
        String what = "heart-rate zones " + chunk;
        ObjectNode request = GoogleValues.JSON.createObjectNode();
        ObjectNode civil = request.putObject("range");
        civil.putObject("start").set("date", GoogleValues.date(chunk.start()));
        civil.putObject("end").set("date", GoogleValues.date(chunk.end().plusDays(1)));
        request.put("windowSizeDays", 1);
        request.put("pageSize", PAGE_SIZE);
        Map<LocalDate, Integer[]> days = new TreeMap<>();
        for (JsonNode point : pages.rollUp(request, what, body -> api.dailyRollUp("time-in-heart-rate-zone", body))) {
            LocalDate date = civilDate(point.path("civilStartTime").path("date"), what);
            JsonNode zones = point.path("timeInHeartRateZone").path("timeInHeartRateZones");
            if (!chunk.contains(date) || !zones.isArray() || days.containsKey(date)) {
                continue;
            }
            long[] seconds = new long[4];
            for (JsonNode zone : zones) {
                int column = switch (zone.path("heartRateZone").asText("")) {
                    case "LIGHT" -> 1;
                    case "MODERATE" -> 2;
                    case "VIGOROUS", "PEAK" -> 3;
                    default -> -1;
                };
                if (column > 0) {
                    seconds[column] +=
                            GoogleValues.duration(zone.path("duration"), what).getSeconds();
                }
            }
            days.put(date, new Integer[] {null, minutes(seconds[1]), minutes(seconds[2]), minutes(seconds[3])});
        }
        return days;
    }

    private static Integer minutes(long seconds) {
        return (int) Math.round(seconds / 60.0);
    }

    private void heartRateSamples(DateRange day, Consumer<HeartRateSample> row) {
        String what = "heart rate samples " + day;
        String filter = between(
                "heart_rate.sample_time.physical_time",
                earliest(day.start().atStartOfDay()),
                latest(day.end().plusDays(1).atStartOfDay()));
        for (JsonNode point : pages.reconciled("heart-rate", filter, PAGE_SIZE, what)) {
            JsonNode heartRate = point.path("heartRate");
            Integer bpm = Json.integer(heartRate.path("beatsPerMinute"));
            if (bpm != null) {
                row.accept(new HeartRateSample(sampleTime(heartRate.path("sampleTime"), what), bpm));
            }
        }
    }

    private void heartRateWindows(DateRange chunk, Resolution resolution, Consumer<HeartRateSample> row) {
        String what = "heart rate " + resolution.label() + " " + chunk;
        ObjectNode request = GoogleValues.JSON.createObjectNode();
        request.putObject("range")
                .put("startTime", startOf(chunk.start()).toString())
                .put("endTime", startOf(chunk.end().plusDays(1)).toString());
        request.put("windowSize", resolution.window().getSeconds() + "s");
        request.put("pageSize", PAGE_SIZE);
        for (JsonNode point : pages.rollUp(request, what, body -> api.rollUp("heart-rate", body))) {
            Double average = Json.number(point.path("heartRate").path("beatsPerMinuteAvg"));
            if (average != null) {
                row.accept(new HeartRateSample(
                        instant(point.path("startTime"), what).atZone(zone()).toOffsetDateTime(), average));
            }
        }
    }

    /** A sample of a night, with its time and the night it belongs to. */
    @FunctionalInterface
    private interface NightSample {
        void accept(JsonNode value, OffsetDateTime time, LocalDate night);
    }

    /**
     * The samples of the nights of {@code chunk}, measured in sleep: from noon before its first night
     * to noon of its last day (in every zone), each belonging to the night its own local time falls in.
     */
    private void nightSamples(DateRange chunk, String dataType, String field, String name, NightSample out) {
        String what = name + " " + chunk;
        Instant from = earliest(chunk.start().minusDays(1).atTime(NIGHT_ENDS));
        Instant to = latest(chunk.end().atTime(NIGHT_ENDS));
        String filter = between(dataType.replace('-', '_') + ".sample_time.physical_time", from, to);
        for (JsonNode point : pages.reconciled(dataType, filter, PAGE_SIZE, what)) {
            JsonNode value = point.path(field);
            OffsetDateTime time = sampleTime(value.path("sampleTime"), what);
            out.accept(
                    value,
                    time,
                    time.toLocalTime().isBefore(NIGHT_ENDS)
                            ? time.toLocalDate()
                            : time.toLocalDate().plusDays(1));
        }
    }

    /** A daily data type's stream, one list request per chunk. */
    private <T extends Row> Stream<T> daily(
            String dataType, String field, String name, BiFunction<LocalDate, JsonNode, T> toRow) {
        return Stream.chunked(
                DAYS_PER_LIST,
                (T r) -> r.day(),
                (chunk, row) -> daily(dataType, field, chunk, name + " " + chunk, toRow)
                        .values()
                        .forEach(row));
    }

    private void sleeps(DateRange chunk, Consumer<Sleep> row) {
        String what = "sleep " + chunk;
        String filter = between(
                "sleep.interval.civil_end_time", chunk.start(), chunk.end().plusDays(1));
        for (JsonNode point : pages.list("sleep", filter, SLEEP_PAGE_SIZE, what)) {
            row.accept(sleep(point.path("sleep"), what));
        }
    }

    /**
     * One sleep as a {@code sleep} row. Proto3 JSON leaves out zeros and false, so inside a summary
     * an absent count is 0 and an absent {@code mainSleep} is false. Stage minutes exist only for a
     * sleep with stages.
     */
    private static Sleep sleep(JsonNode sleep, String what) {
        JsonNode interval = sleep.path("interval");
        OffsetDateTime start =
                instant(interval.path("startTime"), what).atOffset(offset(interval.path("startUtcOffset"), what));
        OffsetDateTime end =
                instant(interval.path("endTime"), what).atOffset(offset(interval.path("endUtcOffset"), what));
        JsonNode summary = sleep.path("summary");
        boolean summarised = summary.isObject();
        Map<String, Integer> stages = new TreeMap<>();
        for (JsonNode stage : Json.array(summary, "stagesSummary", what)) {
            stages.merge(stage.path("type").asText(""), count(stage.path("minutes")), Integer::sum);
        }
        boolean staged = "STAGES".equals(sleep.path("type").asText(""))
                || stages.containsKey("DEEP")
                || stages.containsKey("LIGHT")
                || stages.containsKey("REM");
        Function<String, Integer> stage = type -> staged ? stages.getOrDefault(type, 0) : null;
        return new Sleep(
                end.toLocalDate(),
                start,
                end,
                sleep.path("metadata").path("mainSleep").asBoolean(false),
                summarised ? count(summary.path("minutesAsleep")) : null,
                summarised ? count(summary.path("minutesAwake")) : null,
                stage.apply("DEEP"),
                stage.apply("LIGHT"),
                stage.apply("REM"),
                stage.apply("AWAKE"));
    }

    @Override
    public Profile profile() {
        String timezone = pages.call("settings", api::settings).path("timeZone").asText(null);
        if (timezone != null) {
            zone.remember(timezone);
        }
        JsonNode identity = pages.call("identity", api::identity);
        List<String> devices = new ArrayList<>();
        try {
            for (JsonNode device : Json.array(
                    pages.call("paired devices", () -> api.pairedDevices(100)), "pairedDevices", "paired devices")) {
                devices.add(device.path("deviceVersion").asText("?") + " (last sync "
                        + device.path("lastSyncTime").asText("unknown") + ")");
            }
        } catch (FbxException e) {
            if (e.exitCode() != FbxException.NOT_AUTHORISED) {
                throw e;
            }
            devices.add("(not shown: the token lacks the googlehealth.settings.readonly scope)");
        }
        return new Profile(
                identity.path("healthUserId")
                        .asText(tokens.current().get(TokenFile.USER_ID).orElse(null)),
                null,
                timezone,
                devices);
    }

    /**
     * The identity's {@code legacyUserId} (the Fitbit user id, which an archive's profile also
     * names), else its {@code healthUserId}: an account that never had a Fitbit id has none.
     */
    @Override
    public String account() {
        JsonNode identity = pages.call("identity", api::identity);
        return identity.path("legacyUserId")
                .asText(identity.path("healthUserId")
                        .asText(tokens.current().get(TokenFile.USER_ID).orElse(null)));
    }

    /**
     * The rows of a daily data type over {@code chunk}, by date; {@code toRow} returns null for a
     * day without values. Several sources may report a day: the first (newest) point wins.
     */
    private <T> Map<LocalDate, T> daily(
            String dataType, String field, DateRange chunk, String what, BiFunction<LocalDate, JsonNode, T> toRow) {
        // Filter names spell the type with underscores where the URL has hyphens.
        String filter = between(
                dataType.replace('-', '_') + ".date", chunk.start(), chunk.end().plusDays(1));
        Map<LocalDate, T> rows = new TreeMap<>();
        for (JsonNode point : pages.list(dataType, filter, PAGE_SIZE, what)) {
            JsonNode value = point.path(field);
            LocalDate date = civilDate(value.path("date"), what);
            T row = chunk.contains(date) && !rows.containsKey(date) ? toRow.apply(date, value) : null;
            if (row != null) {
                rows.put(date, row);
            }
        }
        return rows;
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone()).toInstant();
    }

    private OffsetDateTime sampleTime(JsonNode sampleTime, String what) {
        return GoogleValues.sampleTime(sampleTime, this::zone, what);
    }
}
