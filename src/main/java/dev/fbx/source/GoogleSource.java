package dev.fbx.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbx.dataset.Dataset;
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
import dev.fbx.record.Row;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
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
    /**
     * Days per {@code heart-rate} rollUp: its range may span 14 days (RollUpDataPointsRequest.range),
     * and 14 local days across the autumn clock change are an hour longer.
     */
    static final int ROLL_UP_DAYS = 13;
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

    /** A day-list or sleep list of 90 days is one page of 10000 daily points; sleep's pages of 25 are the plan's only excess. */
    @Override
    public int daysPerRequest(Dataset dataset) {
        return switch (dataset) {
            case HR_DAY -> ZONE_DAYS_PER_REQUEST;
            case HR_1SEC -> 1;
            case HR_1MIN, HR_5MIN, HR_15MIN -> ROLL_UP_DAYS;
            case HRV_DAY, HRV_INTRADAY, SPO2, BR, TEMP, SLEEP -> DAYS_PER_LIST;
        };
    }

    /** {@code hr-day} asks for two things per range: the resting heart rate and the zones' roll-up. */
    @Override
    public long requests(Dataset dataset, DateRange range) {
        return HealthSource.super.requests(dataset, range) * (dataset == Dataset.HR_DAY ? 2 : 1);
    }

    @Override
    public void heartRateDays(DateRange range, Consumer<? super HeartRateDay> out) {
        Chunks.fetch(range, daysPerRequest(Dataset.HR_DAY), HeartRateDay::date, (chunk, row) -> {
            Map<LocalDate, Integer> resting = daily("daily-resting-heart-rate", "dailyRestingHeartRate", chunk,
                    "resting heart rate " + chunk, (date, value) -> Json.integer(value.path("beatsPerMinute")));
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
        }, out);
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
            Chunks.fetch(range, daysPerRequest(Dataset.HR_1SEC), (HeartRateSample s) -> s.time().toInstant(), (day, row) -> {
                String what = "heart rate samples " + day;
                String filter = between("heart_rate.sample_time.physical_time", earliest(day.start().atStartOfDay()),
                        latest(day.end().plusDays(1).atStartOfDay()));
                for (JsonNode point : list("heart-rate", filter, PAGE_SIZE, what)) {
                    JsonNode heartRate = point.path("heartRate");
                    Integer bpm = Json.integer(heartRate.path("beatsPerMinute"));
                    if (bpm != null) {
                        row.accept(new HeartRateSample(sampleTime(heartRate.path("sampleTime"), what), bpm));
                    }
                }
            }, out);
            return;
        }
        Chunks.fetch(range, daysPerRequest(Dataset.HR_1MIN), (HeartRateSample s) -> s.time().toInstant(), (chunk, row) -> {
            String what = "heart rate " + resolution.label() + " " + chunk;
            ObjectNode request = JSON.createObjectNode();
            request.putObject("range").put("startTime", startOf(chunk.start()).toString()).put("endTime", startOf(chunk.end().plusDays(1)).toString());
            request.put("windowSize", resolution.window().getSeconds() + "s");
            request.put("pageSize", PAGE_SIZE);
            for (JsonNode point : rollUp(request, what, body -> api.rollUp("heart-rate", body))) {
                Double average = Json.number(point.path("heartRate").path("beatsPerMinuteAvg"));
                if (average != null) {
                    row.accept(new HeartRateSample(instant(point.path("startTime"), what).atZone(zone()).toOffsetDateTime(), average));
                }
            }
        }, out);
    }

    @Override
    public void hrvDays(DateRange range, Consumer<? super HrvDay> out) {
        dailyRows(range, Dataset.HRV_DAY, "daily-heart-rate-variability", "dailyHeartRateVariability", "HRV", (date, value) -> {
            Double average = Json.number(value.path("averageHeartRateVariabilityMilliseconds"));
            Double deep = Json.number(value.path("deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds"));
            return average == null && deep == null ? null : new HrvDay(date, average, deep);
        }, out);
    }

    @Override
    public void hrvSamples(DateRange range, Consumer<? super HrvSample> out) {
        Chunks.fetch(range, daysPerRequest(Dataset.HRV_INTRADAY), (HrvSample s) -> s.time().toInstant(), (chunk, row) -> {
            String what = "HRV samples " + chunk;
            Instant from = earliest(chunk.start().minusDays(1).atTime(NIGHT_ENDS));
            Instant to = latest(chunk.end().atTime(NIGHT_ENDS));
            for (JsonNode point : list("heart-rate-variability", between("heart_rate_variability.sample_time.physical_time", from, to),
                    PAGE_SIZE, what)) {
                JsonNode hrv = point.path("heartRateVariability");
                Double rmssd = Json.number(hrv.path("rootMeanSquareOfSuccessiveDifferencesMilliseconds"));
                OffsetDateTime time = sampleTime(hrv.path("sampleTime"), what);
                LocalDate night = time.toLocalTime().isBefore(NIGHT_ENDS) ? time.toLocalDate() : time.toLocalDate().plusDays(1);
                if (rmssd != null) {
                    row.accept(new HrvSample(night, time, rmssd, null, Json.number(hrv.path("metadata").path("highFrequencyPower")),
                            Json.number(hrv.path("metadata").path("lowFrequencyPower"))));
                }
            }
        }, out);
    }

    @Override
    public void spo2Days(DateRange range, Consumer<? super Spo2Day> out) {
        dailyRows(range, Dataset.SPO2, "daily-oxygen-saturation", "dailyOxygenSaturation", "SpO2", (date, value) -> {
            Double average = Json.number(value.path("averagePercentage"));
            // Google's bounds are a confidence interval of the night's samples, not their extremes.
            return average == null ? null : new Spo2Day(date, average,
                    Json.number(value.path("lowerBoundPercentage")), Json.number(value.path("upperBoundPercentage")));
        }, out);
    }

    @Override
    public void breathingRateDays(DateRange range, Consumer<? super BreathingRateDay> out) {
        dailyRows(range, Dataset.BR, "daily-respiratory-rate", "dailyRespiratoryRate", "breathing rate", (date, value) -> {
            Double rate = Json.number(value.path("breathsPerMinute"));
            return rate == null ? null : new BreathingRateDay(date, rate);
        }, out);
    }

    @Override
    public void skinTemperatureDays(DateRange range, Consumer<? super SkinTemperatureDay> out) {
        dailyRows(range, Dataset.TEMP, "daily-sleep-temperature-derivations", "dailySleepTemperatureDerivations", "skin temperature",
                (date, value) -> {
                    Double nightly = Json.number(value.path("nightlyTemperatureCelsius"));
                    Double baseline = Json.number(value.path("baselineTemperatureCelsius"));
                    // Google's values are absolute; Fitbit's column is relative to the baseline. Decimal
                    // arithmetic keeps 34.1 - 33.9 at 0.2.
                    return nightly == null || baseline == null ? null : new SkinTemperatureDay(date,
                            BigDecimal.valueOf(nightly).subtract(BigDecimal.valueOf(baseline)).doubleValue());
                }, out);
    }

    /** A daily data type's rows, one list request per chunk. */
    private <T extends Row> void dailyRows(DateRange range, Dataset dataset, String dataType, String field, String name,
            BiFunction<LocalDate, JsonNode, T> toRow, Consumer<? super T> out) {
        Chunks.fetch(range, daysPerRequest(dataset), (T r) -> r.day(),
                (chunk, row) -> daily(dataType, field, chunk, name + " " + chunk, toRow).values().forEach(row), out);
    }

    @Override
    public void sleeps(DateRange range, Consumer<? super Sleep> out) {
        Chunks.fetch(range, daysPerRequest(Dataset.SLEEP), (Sleep s) -> s.start().toInstant(), (chunk, row) -> {
            String what = "sleep " + chunk;
            String filter = between("sleep.interval.civil_end_time", chunk.start(), chunk.end().plusDays(1));
            for (JsonNode point : list("sleep", filter, SLEEP_PAGE_SIZE, what)) {
                row.accept(sleep(point.path("sleep"), what));
            }
        }, out);
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

    /** Every data point of a list call, following {@code nextPageToken} through short and empty pages until there is none. */
    private Iterable<JsonNode> list(String dataType, String filter, int pageSize, String what) {
        return pages("dataPoints", what, page -> call(what, () -> api.list(dataType, filter, pageSize, page)));
    }

    /** Every window of a roll-up, sending the same request again with each {@code nextPageToken}. */
    private Iterable<JsonNode> rollUp(ObjectNode request, String what, Function<String, RestResponse<String>> send) {
        return pages("rollupDataPoints", what, page -> {
            if (page != null) {
                request.put("pageToken", page);
            }
            String body = request.toString();
            return call(what, () -> send.apply(body));
        });
    }

    /**
     * The points under {@code field} of a paged answer, each page asked for ({@code fetch} gets
     * null, then each {@code nextPageToken}) only when the points before it have been read: a long
     * list never sits in memory whole.
     */
    private static Iterable<JsonNode> pages(String field, String what, Function<String, JsonNode> fetch) {
        return () -> new Iterator<>() {
            private final Set<String> seen = new HashSet<>();
            private Iterator<JsonNode> page = Collections.emptyIterator();
            private String next;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    JsonNode body = fetch.apply(next);
                    page = Json.array(body, field, what).iterator();
                    next = nextPage(body, seen, what);
                    last = next == null;
                }
                return page.hasNext();
            }

            @Override
            public JsonNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
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

    /*
     * A sample belongs to the day of its own local time, which for someone travelling is not the
     * account zone's: samples are asked for from when a wall-clock time first happens anywhere
     * (UTC+14) to when it last does (UTC-12), and the days around are left to their own requests.
     */
    private static Instant earliest(LocalDateTime wallClock) {
        return wallClock.toInstant(ZoneOffset.ofHours(14));
    }

    private static Instant latest(LocalDateTime wallClock) {
        return wallClock.toInstant(ZoneOffset.ofHours(-12));
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
