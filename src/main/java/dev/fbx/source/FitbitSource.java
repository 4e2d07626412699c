package dev.fbx.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.api.FitbitApi;
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
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/** The legacy Fitbit Web API as records. Ranges are cut to each endpoint's documented maximum. */
public final class FitbitSource implements Source {
    static final int HEART_RATE_DAYS_PER_REQUEST = 365;
    static final int HRV_DAYS_PER_REQUEST = 30;
    /** Undocumented for the summary; 30 is the documented maximum of its intraday twin. */
    static final int SPO2_DAYS_PER_REQUEST = 30;

    static final int BREATHING_RATE_DAYS_PER_REQUEST = 30;
    static final int SKIN_TEMPERATURE_DAYS_PER_REQUEST = 30;
    static final int SLEEP_DAYS_PER_REQUEST = 100;

    private final FitbitApi api;
    private final Transport transport;
    private final TokenProvider tokens;
    private final AccountZone zone;
    private final Streams streams = new Streams();

    /** @param zone the account's zone from {@code --zone}; null to use the cached one, or ask */
    public FitbitSource(FitbitApi api, Transport transport, TokenProvider tokens, ZoneId zone) {
        this.api = api;
        this.transport = transport;
        this.tokens = tokens;
        this.zone = new AccountZone(
                tokens,
                zone,
                "profile",
                () -> get("profile", api::profile).path("user").path("timezone").asText(null));
        streams.with(
                Dataset.HR_DAY, Stream.chunked(HEART_RATE_DAYS_PER_REQUEST, HeartRateDay::date, this::heartRateDays));
        streams.with(Dataset.HRV_DAY, Stream.chunked(HRV_DAYS_PER_REQUEST, HrvDay::date, this::hrvDays));
        streams.with(
                Dataset.SPO2,
                nightly(SPO2_DAYS_PER_REQUEST, "SpO2", api::spo2, FitbitSource::spo2Entries, (date, value) -> {
                    Double avg = Json.number(value.path("avg"));
                    Double min = Json.number(value.path("min"));
                    Double max = Json.number(value.path("max"));
                    return avg == null && min == null && max == null ? null : new Spo2Day(date, avg, min, max);
                }));
        streams.with(
                Dataset.BR,
                nightly(
                        BREATHING_RATE_DAYS_PER_REQUEST,
                        "breathing rate",
                        api::breathingRate,
                        (body, what) -> Json.array(body, "br", what),
                        (date, value) -> {
                            Double rate = Json.number(value.path("breathingRate"));
                            return rate == null ? null : new BreathingRateDay(date, rate);
                        }));
        streams.with(
                Dataset.TEMP,
                nightly(
                        SKIN_TEMPERATURE_DAYS_PER_REQUEST,
                        "skin temperature",
                        api::skinTemperature,
                        (body, what) -> Json.array(body, "tempSkin", what),
                        (date, value) -> {
                            Double relative = Json.number(value.path("nightlyRelative"));
                            return relative == null ? null : new SkinTemperatureDay(date, relative);
                        }));
        streams.with(
                Dataset.SLEEP,
                Stream.chunked(SLEEP_DAYS_PER_REQUEST, (Sleep s) -> s.start().toInstant(), this::sleeps));
        streams.with(
                Dataset.HRV_INTRADAY,
                Stream.chunked(HRV_DAYS_PER_REQUEST, (HrvSample s) -> s.time().toInstant(), this::hrvSamples));
        streams.with(
                Dataset.SPO2_MINUTE,
                Stream.chunked(SPO2_DAYS_PER_REQUEST, (Spo2Sample s) -> s.time().toInstant(), this::spo2Samples));
        for (Dataset<HeartRateSample> samples :
                List.of(Dataset.HR_15MIN, Dataset.HR_5MIN, Dataset.HR_1MIN, Dataset.HR_1SEC)) {
            streams.with(samples, heartRateSamples(samples.resolution()));
        }
    }

    @Override
    public Streams streams() {
        return streams;
    }

    private JsonNode get(String what, Supplier<RestResponse<String>> call) {
        return Json.parse(tokens.authorized(() -> transport.execute(what, call)), what);
    }

    private void heartRateDays(DateRange chunk, Consumer<HeartRateDay> row) {
        String what = "heart rate " + chunk;
        JsonNode body = get(
                what, () -> api.heartRate(chunk.start().toString(), chunk.end().toString()));
        for (JsonNode day : Json.array(body, "activities-heart", what)) {
            LocalDate date = date(day.path("dateTime"), what);
            JsonNode value = day.path("value");
            Integer[] minutes = new Integer[4];
            for (JsonNode zone : Json.array(value, "heartRateZones", what)) {
                int index = zoneIndex(zone.path("name").asText(""));
                if (index >= 0) {
                    minutes[index] = Json.integer(zone.path("minutes"));
                }
            }
            Integer resting = Json.integer(value.path("restingHeartRate"));
            boolean worn = resting != null || java.util.Arrays.stream(minutes).anyMatch(m -> m != null && m > 0);
            if (worn) {
                row.accept(new HeartRateDay(date, resting, minutes[0], minutes[1], minutes[2], minutes[3]));
            }
        }
    }

    /** Fitbit's zone names, in column order; matched without case and spaces. */
    private static int zoneIndex(String name) {
        return List.of("outofrange", "fatburn", "cardio", "peak")
                .indexOf(name.replace(" ", "").toLowerCase(Locale.ROOT));
    }

    /** One request a day; local clock times get their offsets in the answer's order (the autumn hour twice). */
    private Stream<HeartRateSample> heartRateSamples(Resolution resolution) {
        return Stream.chunked(1, (HeartRateSample s) -> s.time().toInstant(), (chunk, row) -> {
            LocalTimes times = new LocalTimes(zone());
            LocalDate day = chunk.start();
            String what = "heart rate " + resolution.label() + " " + day;
            JsonNode body = get(what, () -> api.heartRateIntraday(day.toString(), resolution.label()));
            JsonNode intraday = body.get("activities-heart-intraday");
            if (intraday == null) {
                throw FbxException.notAuthorised(
                        "Fitbit sends no intraday heart rate to this app: intraday data needs an app"
                                + " of OAuth type 'Personal' (your own data). Change the app's type at dev.fitbit.com/apps, then run 'fbx auth login'.");
            }
            for (JsonNode sample : Json.array(intraday, "dataset", what)) {
                LocalTime time = parse(sample.path("time").asText(""), LocalTime::parse, what);
                Integer value = Json.integer(sample.path("value"));
                if (value != null) {
                    row.accept(new HeartRateSample(times.at(LocalDateTime.of(day, time)), value));
                }
            }
        });
    }

    private void hrvDays(DateRange chunk, Consumer<HrvDay> row) {
        String what = "HRV " + chunk;
        JsonNode body =
                get(what, () -> api.hrv(chunk.start().toString(), chunk.end().toString()));
        for (JsonNode day : Json.array(body, "hrv", what)) {
            Double daily = Json.number(day.path("value").path("dailyRmssd"));
            Double deep = Json.number(day.path("value").path("deepRmssd"));
            if (daily != null || deep != null) {
                // The Web API serves neither the non-REM heart rate nor the entropy.
                row.accept(new HrvDay(date(day.path("dateTime"), what), daily, deep, null, null));
            }
        }
    }

    private void hrvSamples(DateRange chunk, Consumer<HrvSample> row) {
        LocalTimes times = new LocalTimes(zone());
        String what = "HRV intraday " + chunk;
        JsonNode body = get(
                what,
                () -> api.hrvIntraday(chunk.start().toString(), chunk.end().toString()));
        for (JsonNode day : Json.array(body, "hrv", what)) {
            LocalDate night = date(day.path("dateTime"), what);
            for (JsonNode minute : Json.array(day, "minutes", what)) {
                // Offsets in the answer's order, as for heart rate: sorting by clock time first would
                // interleave the two passes of the autumn hour and give both the later offset.
                JsonNode value = minute.path("value");
                row.accept(new HrvSample(
                        night,
                        times.at(parse(minute.path("minute").asText(""), LocalDateTime::parse, what)),
                        Json.number(value.path("rmssd")),
                        Json.number(value.path("coverage")),
                        Json.number(value.path("hf")),
                        Json.number(value.path("lf"))));
            }
        }
    }

    /**
     * Each night's readings ({@code dateTime} is the night), at local clock times given their
     * offsets in the answer's order; the sensor's floor is no reading.
     */
    private void spo2Samples(DateRange chunk, Consumer<Spo2Sample> row) {
        LocalTimes times = new LocalTimes(zone());
        String what = "SpO2 intraday " + chunk;
        JsonNode body = get(
                what,
                () -> api.spo2Intraday(chunk.start().toString(), chunk.end().toString()));
        // A single night comes as one object, a range as a list of them.
        Iterable<JsonNode> nights =
                body.isObject() ? (body.has("minutes") ? List.of(body) : List.of()) : Json.elements(body, what);
        for (JsonNode night : nights) {
            LocalDate date = date(night.path("dateTime"), what);
            for (JsonNode minute : Json.array(night, "minutes", what)) {
                Double value = Json.number(minute.path("value"));
                OffsetDateTime time = times.at(parse(minute.path("minute").asText(""), LocalDateTime::parse, what));
                if (Spo2Sample.isReading(value)) {
                    row.accept(new Spo2Sample(date, time, value));
                }
            }
        }
    }

    /**
     * SpO2 ranges come as a bare list. An empty object, which is what the single-date endpoint
     * answers for a day without data, is taken as no data too.
     */
    private static Iterable<JsonNode> spo2Entries(JsonNode body, String what) {
        return body.isObject() && body.isEmpty() ? List.of() : Json.elements(body, what);
    }

    /**
     * The nightly summaries that share one shape, entries of {@code {"dateTime", "value": {...}}}:
     * one request per chunk of {@code maxDays}, rows in date order, days without a value skipped.
     *
     * @param toRow the row for a day's value, or null when the value holds nothing
     */
    private <R extends Row> Stream<R> nightly(
            int maxDays,
            String name,
            BiFunction<String, String, RestResponse<String>> call,
            BiFunction<JsonNode, String, Iterable<JsonNode>> entries,
            BiFunction<LocalDate, JsonNode, R> toRow) {
        return Stream.chunked(maxDays, (R r) -> r.day(), (chunk, row) -> {
            String what = name + " " + chunk;
            JsonNode body = get(
                    what, () -> call.apply(chunk.start().toString(), chunk.end().toString()));
            for (JsonNode day : entries.apply(body, what)) {
                row.accept(toRow.apply(date(day.path("dateTime"), what), day.path("value")));
            }
        });
    }

    private void sleeps(DateRange chunk, Consumer<Sleep> row) {
        String what = "sleep " + chunk;
        JsonNode body =
                get(what, () -> api.sleep(chunk.start().toString(), chunk.end().toString()));
        for (JsonNode log : Json.array(body, "sleep", what)) {
            LocalDate date = date(log.path("dateOfSleep"), what);
            LocalTimes.Interval span = LocalTimes.interval(
                    zone(),
                    parse(log.path("startTime").asText(""), LocalDateTime::parse, what),
                    parse(log.path("endTime").asText(""), LocalDateTime::parse, what),
                    millis(log.path("duration")));
            // Only logs of type "stages" have deep/light/rem/wake; "classic" ones (naps, older
            // devices) summarise asleep/restless/awake, which are not stages.
            JsonNode stages = "stages".equals(log.path("type").asText())
                    ? log.path("levels").path("summary")
                    : null;
            row.accept(new Sleep(
                    date,
                    span.start(),
                    span.end(),
                    bool(log.path("isMainSleep")),
                    Json.integer(log.path("minutesAsleep")),
                    Json.integer(log.path("minutesAwake")),
                    stageMinutes(stages, "deep"),
                    stageMinutes(stages, "light"),
                    stageMinutes(stages, "rem"),
                    stageMinutes(stages, "wake")));
        }
    }

    private static Integer stageMinutes(JsonNode stages, String stage) {
        return stages == null ? null : Json.integer(stages.path(stage).path("minutes"));
    }

    private static Duration millis(JsonNode node) {
        Double millis = Json.number(node);
        return millis == null ? null : Duration.ofMillis(Math.round(millis));
    }

    private static Boolean bool(JsonNode node) {
        return node.isBoolean() ? node.booleanValue() : null;
    }

    @Override
    public Profile profile() {
        JsonNode user = get("profile", api::profile).path("user");
        String timezone = user.path("timezone").asText(null);
        if (timezone != null) {
            zone.remember(timezone);
        }
        List<String> devices = new ArrayList<>();
        try {
            for (JsonNode device : Json.elements(get("devices", api::devices), "devices")) {
                devices.add(device.path("deviceVersion").asText("?") + " (last sync "
                        + device.path("lastSyncTime").asText("unknown") + ")");
            }
        } catch (FbxException e) {
            if (e.exitCode() != FbxException.NOT_AUTHORISED) {
                throw e;
            }
            devices.add("(not shown: the token lacks the 'settings' scope)");
        }
        return new Profile(
                user.path("encodedId")
                        .asText(tokens.current().get(TokenFile.USER_ID).orElse(null)),
                user.path("displayName").asText(null),
                timezone,
                devices);
    }

    /** The token's user (the Fitbit user id), else the profile's. */
    @Override
    public String account() {
        return tokens.current()
                .get(TokenFile.USER_ID)
                .orElseGet(() -> get("profile", api::profile)
                        .path("user")
                        .path("encodedId")
                        .asText(null));
    }

    @Override
    public ZoneId zone() {
        return zone.get();
    }

    private static LocalDate date(JsonNode node, String what) {
        return parse(node.asText(""), LocalDate::parse, what);
    }

    private static <T> T parse(String text, java.util.function.Function<String, T> parser, String what) {
        try {
            return parser.apply(text);
        } catch (DateTimeException e) {
            throw Json.malformed(what, "a date or time reads '" + text + "'", e);
        }
    }
}
