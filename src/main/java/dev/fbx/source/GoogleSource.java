package dev.fbx.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbx.FbxException;
import dev.fbx.api.GoogleHealthApi;
import dev.fbx.api.Transport;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenProvider;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Profile;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Google Health API v4 as the same records as {@link FitbitSource}. List calls filter with
 * {@code >=}/{@code <} on the documented field, read every page, and answer newest first: each
 * request's points are sorted (and kept once) before they are written. Samples carry their own
 * UTC offset; roll-up windows, which carry none, get the account's zone.
 */
public final class GoogleSource implements HealthSource {
    static final int PAGE_SIZE = 10_000;
    static final int SLEEP_PAGE_SIZE = 25;
    /** The longest range of a {@code heart-rate} rollUp (RollUpDataPointsRequest.range). */
    static final Duration ROLL_UP_MAX = Duration.ofDays(14);
    /** The longest range of a {@code time-in-heart-rate-zone} dailyRollUp. */
    static final int ZONE_DAYS_PER_REQUEST = 90;
    /** Daily and sleep lists have no documented maximum; this keeps rows flowing out on long ranges. */
    static final int DAYS_PER_LIST = 90;
    /** HRV is measured in sleep: a sample before noon belongs to that day's night, one after noon to the next day's. */
    private static final LocalTime NIGHT_ENDS = LocalTime.NOON;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleHealthApi api;
    private final Transport transport;
    private final TokenProvider tokens;
    private final AccountZone zone;

    public GoogleSource(GoogleHealthApi api, Transport transport, TokenProvider tokens) {
        this.api = api;
        this.transport = transport;
        this.tokens = tokens;
        this.zone = new AccountZone(tokens, "settings", () -> call("settings", api::settings).path("timeZone").asText(null));
    }

    private JsonNode call(String what, Supplier<RestResponse<String>> call) {
        return Json.parse(tokens.authorized(() -> transport.execute(what, call)), what);
    }

    @Override
    public void heartRateDays(DateRange range, Consumer<? super HeartRateDay> out) {
        for (DateRange chunk : range.chunks(ZONE_DAYS_PER_REQUEST)) {
            Map<LocalDate, Integer> resting = daily("daily-resting-heart-rate", "dailyRestingHeartRate", chunk,
                    "resting heart rate " + chunk, (date, value) -> Json.integer(value.path("beatsPerMinute")));
            Map<LocalDate, Integer[]> zones = zoneMinutes(chunk);
            Set<LocalDate> days = new TreeSet<>(resting.keySet());
            days.addAll(zones.keySet());
            for (LocalDate date : days) {
                Integer[] minutes = zones.getOrDefault(date, new Integer[4]);
                boolean worn = resting.get(date) != null || Arrays.stream(minutes).anyMatch(m -> m != null && m > 0);
                if (worn) {
                    out.accept(new HeartRateDay(date, resting.get(date), minutes[0], minutes[1], minutes[2], minutes[3]));
                }
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
        ObjectNode request = JSON.createObjectNode();
        ObjectNode civil = request.putObject("range");
        civil.putObject("start").set("date", date(chunk.start()));
        civil.putObject("end").set("date", date(chunk.end().plusDays(1)));
        request.put("windowSizeDays", 1);
        request.put("pageSize", PAGE_SIZE);
        Map<LocalDate, Integer[]> days = new TreeMap<>();
        for (JsonNode point : rollUp(request, what, body -> api.dailyRollUp("time-in-heart-rate-zone", body))) {
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
                    seconds[column] += duration(zone.path("duration"), what).getSeconds();
                }
            }
            days.put(date, new Integer[] {null, minutes(seconds[1]), minutes(seconds[2]), minutes(seconds[3])});
        }
        return days;
    }

    private static Integer minutes(long seconds) {
        return (int) Math.round(seconds / 60.0);
    }

    @Override
    public void heartRateSamples(DateRange range, Resolution resolution, Consumer<? super HeartRateSample> out) {
        if (resolution == Resolution.SECOND) {
            // Raw samples come several seconds apart: a day is one request (of a few pages) at a time.
            for (DateRange day : range.chunks(1)) {
                String what = "heart rate samples " + day;
                String filter = between("heart_rate.sample_time.physical_time", startOf(day.start()), startOf(day.end().plusDays(1)));
                TreeMap<Instant, HeartRateSample> samples = new TreeMap<>();
                for (JsonNode point : reconciled("heart-rate", filter, PAGE_SIZE, what)) {
                    JsonNode heartRate = point.path("heartRate");
                    Integer bpm = Json.integer(heartRate.path("beatsPerMinute"));
                    if (bpm != null) {
                        OffsetDateTime time = sampleTime(heartRate.path("sampleTime"), what);
                        samples.putIfAbsent(time.toInstant(), new HeartRateSample(time, bpm));
                    }
                }
                samples.values().forEach(out);
            }
            return;
        }
        Instant end = startOf(range.end().plusDays(1));
        for (Instant from = startOf(range.start()); from.isBefore(end); from = from.plus(ROLL_UP_MAX)) {
            Instant to = from.plus(ROLL_UP_MAX).isBefore(end) ? from.plus(ROLL_UP_MAX) : end;
            String what = "heart rate " + resolution.label() + " " + from + ".." + to;
            ObjectNode request = JSON.createObjectNode();
            request.putObject("range").put("startTime", from.toString()).put("endTime", to.toString());
            request.put("windowSize", resolution.window().getSeconds() + "s");
            request.put("pageSize", PAGE_SIZE);
            TreeMap<Instant, HeartRateSample> windows = new TreeMap<>();
            for (JsonNode point : rollUp(request, what, body -> api.rollUp("heart-rate", body))) {
                Double average = Json.number(point.path("heartRate").path("beatsPerMinuteAvg"));
                if (average != null) {
                    Instant start = instant(point.path("startTime"), what);
                    windows.putIfAbsent(start, new HeartRateSample(start.atZone(zone()).toOffsetDateTime(), average));
                }
            }
            windows.values().forEach(out);
        }
    }

    @Override
    public void hrvDays(DateRange range, Consumer<? super HrvDay> out) {
        for (DateRange chunk : range.chunks(DAYS_PER_LIST)) {
            daily("daily-heart-rate-variability", "dailyHeartRateVariability", chunk, "HRV " + chunk, (date, value) -> {
                Double average = Json.number(value.path("averageHeartRateVariabilityMilliseconds"));
                Double deep = Json.number(value.path("deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds"));
                return average == null && deep == null ? null : new HrvDay(date, average, deep);
            }).values().forEach(out);
        }
    }

    @Override
    public void hrvSamples(DateRange range, Consumer<? super HrvSample> out) {
        for (DateRange chunk : range.chunks(DAYS_PER_LIST)) {
            String what = "HRV samples " + chunk;
            Instant from = chunk.start().minusDays(1).atTime(NIGHT_ENDS).atZone(zone()).toInstant();
            Instant to = chunk.end().atTime(NIGHT_ENDS).atZone(zone()).toInstant();
            TreeMap<Instant, HrvSample> samples = new TreeMap<>();
            for (JsonNode point : reconciled("heart-rate-variability", between("heart_rate_variability.sample_time.physical_time", from, to),
                    PAGE_SIZE, what)) {
                JsonNode hrv = point.path("heartRateVariability");
                Double rmssd = Json.number(hrv.path("rootMeanSquareOfSuccessiveDifferencesMilliseconds"));
                OffsetDateTime time = sampleTime(hrv.path("sampleTime"), what);
                LocalDate night = time.toLocalTime().isBefore(NIGHT_ENDS) ? time.toLocalDate() : time.toLocalDate().plusDays(1);
                if (rmssd != null && chunk.contains(night)) {
                    samples.putIfAbsent(time.toInstant(), new HrvSample(night, time, rmssd, null,
                            Json.number(hrv.path("metadata").path("highFrequencyPower")),
                            Json.number(hrv.path("metadata").path("lowFrequencyPower"))));
                }
            }
            samples.values().forEach(out);
        }
    }

    @Override
    public void spo2Days(DateRange range, Consumer<? super Spo2Day> out) {
        for (DateRange chunk : range.chunks(DAYS_PER_LIST)) {
            daily("daily-oxygen-saturation", "dailyOxygenSaturation", chunk, "SpO2 " + chunk, (date, value) -> {
                Double average = Json.number(value.path("averagePercentage"));
                // Google's bounds are a confidence interval of the night's samples, not their extremes.
                return average == null ? null : new Spo2Day(date, average,
                        Json.number(value.path("lowerBoundPercentage")), Json.number(value.path("upperBoundPercentage")));
            }).values().forEach(out);
        }
    }

    @Override
    public void breathingRateDays(DateRange range, Consumer<? super BreathingRateDay> out) {
        for (DateRange chunk : range.chunks(DAYS_PER_LIST)) {
            daily("daily-respiratory-rate", "dailyRespiratoryRate", chunk, "breathing rate " + chunk, (date, value) -> {
                Double rate = Json.number(value.path("breathsPerMinute"));
                return rate == null ? null : new BreathingRateDay(date, rate);
            }).values().forEach(out);
        }
    }

    @Override
    public void skinTemperatureDays(DateRange range, Consumer<? super SkinTemperatureDay> out) {
        for (DateRange chunk : range.chunks(DAYS_PER_LIST)) {
            daily("daily-sleep-temperature-derivations", "dailySleepTemperatureDerivations", chunk, "skin temperature " + chunk,
                    (date, value) -> {
                        Double nightly = Json.number(value.path("nightlyTemperatureCelsius"));
                        Double baseline = Json.number(value.path("baselineTemperatureCelsius"));
                        // Google's values are absolute; Fitbit's column is relative to the baseline. Decimal
                        // arithmetic keeps 34.1 - 33.9 at 0.2.
                        return nightly == null || baseline == null ? null : new SkinTemperatureDay(date,
                                BigDecimal.valueOf(nightly).subtract(BigDecimal.valueOf(baseline)).doubleValue());
                    }).values().forEach(out);
        }
    }

    @Override
    public void sleeps(DateRange range, Consumer<? super Sleep> out) {
        for (DateRange chunk : range.chunks(DAYS_PER_LIST)) {
            String what = "sleep " + chunk;
            String filter = between("sleep.interval.civil_end_time", chunk.start(), chunk.end().plusDays(1));
            TreeMap<Instant, Sleep> sleeps = new TreeMap<>();
            for (JsonNode point : list("sleep", filter, SLEEP_PAGE_SIZE, what)) {
                Sleep sleep = sleep(point.path("sleep"), what);
                if (chunk.contains(sleep.date())) {
                    sleeps.putIfAbsent(sleep.start().toInstant(), sleep);
                }
            }
            sleeps.values().forEach(out);
        }
    }

    /**
     * One sleep as SPEC.md's row. Proto3 JSON leaves out zeros and false, so inside a summary an
     * absent count is 0 and an absent {@code mainSleep} is false. Stage minutes exist only for a
     * sleep with stages.
     */
    private static Sleep sleep(JsonNode sleep, String what) {
        JsonNode interval = sleep.path("interval");
        OffsetDateTime start = instant(interval.path("startTime"), what).atOffset(offset(interval.path("startUtcOffset"), what));
        OffsetDateTime end = instant(interval.path("endTime"), what).atOffset(offset(interval.path("endUtcOffset"), what));
        JsonNode summary = sleep.path("summary");
        boolean summarised = summary.isObject();
        Map<String, Integer> stages = new TreeMap<>();
        for (JsonNode stage : Json.array(summary, "stagesSummary", what)) {
            stages.merge(stage.path("type").asText(""), count(stage.path("minutes")), Integer::sum);
        }
        boolean staged = "STAGES".equals(sleep.path("type").asText(""))
                || stages.containsKey("DEEP") || stages.containsKey("LIGHT") || stages.containsKey("REM");
        Function<String, Integer> stage = type -> staged ? stages.getOrDefault(type, 0) : null;
        return new Sleep(end.toLocalDate(), start, end, sleep.path("metadata").path("mainSleep").asBoolean(false),
                summarised ? count(summary.path("minutesAsleep")) : null, summarised ? count(summary.path("minutesAwake")) : null,
                stage.apply("DEEP"), stage.apply("LIGHT"), stage.apply("REM"), stage.apply("AWAKE"));
    }

    private static int count(JsonNode node) {
        Integer value = Json.integer(node);
        return value == null ? 0 : value;
    }

    @Override
    public Profile profile() {
        String timezone = call("settings", api::settings).path("timeZone").asText(null);
        if (timezone != null) {
            zone.remember(timezone);
        }
        JsonNode identity = call("identity", api::identity);
        List<String> devices = new ArrayList<>();
        try {
            for (JsonNode device : Json.array(call("paired devices", () -> api.pairedDevices(100)), "pairedDevices", "paired devices")) {
                devices.add(device.path("deviceVersion").asText("?") + " (last sync " + device.path("lastSyncTime").asText("unknown") + ")");
            }
        } catch (FbxException e) {
            if (e.exitCode() != FbxException.NOT_AUTHORISED) {
                throw e;
            }
            devices.add("(not shown: the token lacks the googlehealth.settings.readonly scope)");
        }
        return new Profile(identity.path("healthUserId").asText(tokens.current().get(TokenFile.USER_ID).orElse(null)),
                null, timezone, devices);
    }

    ZoneId zone() {
        return zone.get();
    }

    // ---- requests

    /** One page of a list-shaped call (list, reconcile). */
    @FunctionalInterface
    private interface Pager {
        RestResponse<String> page(String dataType, String filter, int pageSize, String pageToken);
    }

    /** Every data point of a list call, every source's own, following {@code nextPageToken} until the last page. */
    private List<JsonNode> list(String dataType, String filter, int pageSize, String what) {
        return pages(api::list, dataType, filter, pageSize, what);
    }

    /**
     * One data point per time for samples that a phone and a watch may both record: {@code list}
     * would give both sources' points (each with its {@code dataSource}), interleaved a few seconds
     * apart; {@code :reconcile} merges them into one stream (its points carry no source).
     */
    private List<JsonNode> reconciled(String dataType, String filter, int pageSize, String what) {
        return pages(api::reconcile, dataType, filter, pageSize, what);
    }

    /**
     * Follows {@code nextPageToken} until it is absent: a page can hold fewer points than asked for,
     * or none (and no {@code dataPoints} at all), and still not be the last.
     */
    private List<JsonNode> pages(Pager pager, String dataType, String filter, int pageSize, String what) {
        List<JsonNode> points = new ArrayList<>();
        Set<String> tokensSeen = new HashSet<>();
        String pageToken = null;
        do {
            String page = pageToken;
            JsonNode body = call(what, () -> pager.page(dataType, filter, pageSize, page));
            Json.array(body, "dataPoints", what).forEach(points::add);
            pageToken = nextPage(body, tokensSeen, what);
        } while (pageToken != null);
        return points;
    }

    /** Every window of a roll-up, sending the same request again with each {@code nextPageToken}. */
    private List<JsonNode> rollUp(ObjectNode request, String what, Function<String, RestResponse<String>> send) {
        List<JsonNode> points = new ArrayList<>();
        Set<String> tokensSeen = new HashSet<>();
        while (true) {
            String body = request.toString();
            JsonNode answer = call(what, () -> send.apply(body));
            Json.array(answer, "rollupDataPoints", what).forEach(points::add);
            String pageToken = nextPage(answer, tokensSeen, what);
            if (pageToken == null) {
                return points;
            }
            request.put("pageToken", pageToken);
        }
    }

    private static String nextPage(JsonNode body, Set<String> seen, String what) {
        String token = body.path("nextPageToken").asText("");
        if (token.isEmpty()) {
            return null;
        }
        if (!seen.add(token)) {
            throw Json.malformed(what, "the same nextPageToken came twice", null);
        }
        return token;
    }

    /**
     * The rows of a daily data type over {@code chunk}, by date; {@code toRow} returns null for a
     * day without values. Several sources may report a day: the first (newest) point wins.
     */
    private <T> Map<LocalDate, T> daily(String dataType, String field, DateRange chunk, String what, BiFunction<LocalDate, JsonNode, T> toRow) {
        // Filter names spell the type with underscores where the URL has hyphens.
        String filter = between(dataType.replace('-', '_') + ".date", chunk.start(), chunk.end().plusDays(1));
        Map<LocalDate, T> rows = new TreeMap<>();
        for (JsonNode point : list(dataType, filter, PAGE_SIZE, what)) {
            JsonNode value = point.path(field);
            LocalDate date = civilDate(value.path("date"), what);
            T row = chunk.contains(date) && !rows.containsKey(date) ? toRow.apply(date, value) : null;
            if (row != null) {
                rows.put(date, row);
            }
        }
        return rows;
    }

    /** The documented filter: {@code field >= "lower" AND field < "upper"}. */
    static String between(String field, Object lower, Object upper) {
        return field + " >= \"" + lower + "\" AND " + field + " < \"" + upper + "\"";
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone()).toInstant();
    }

    // ---- values

    private static ObjectNode date(LocalDate date) {
        ObjectNode node = JSON.createObjectNode();
        node.put("year", date.getYear()).put("month", date.getMonthValue()).put("day", date.getDayOfMonth());
        return node;
    }

    /** A {@code google.type.Date}. */
    private static LocalDate civilDate(JsonNode date, String what) {
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

    /** An {@code ObservationSampleTime} as the local time of the sample's own UTC offset. */
    private OffsetDateTime sampleTime(JsonNode sampleTime, String what) {
        Instant instant = instant(sampleTime.path("physicalTime"), what);
        JsonNode offset = sampleTime.path("utcOffset");
        return offset.isMissingNode() || offset.isNull() ? instant.atZone(zone()).toOffsetDateTime() : instant.atOffset(offset(offset, what));
    }

    private static Instant instant(JsonNode node, String what) {
        String text = node.asText("");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw Json.malformed(what, "a time reads '" + text + "'", e);
        }
    }

    /** An offset in the API's duration form ({@code "3600s"}, {@code "-18000s"}). */
    private static ZoneOffset offset(JsonNode node, String what) {
        try {
            return ZoneOffset.ofTotalSeconds(Math.toIntExact(duration(node, what).getSeconds()));
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
            return Duration.ofSeconds(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw Json.malformed(what, "a duration reads '" + node.asText("") + "'", e);
        }
    }
}
