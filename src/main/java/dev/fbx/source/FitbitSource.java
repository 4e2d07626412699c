package dev.fbx.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.api.FitbitApi;
import dev.fbx.api.Transport;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenProvider;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Profile;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/** The legacy Fitbit Web API as records. Ranges are cut to each endpoint's documented maximum. */
public final class FitbitSource implements HealthSource {
    static final int HEART_RATE_DAYS_PER_REQUEST = 365;
    static final int HRV_DAYS_PER_REQUEST = 30;

    private final FitbitApi api;
    private final Transport transport;
    private final TokenProvider tokens;
    private ZoneId zone;

    public FitbitSource(FitbitApi api, Transport transport, TokenProvider tokens) {
        this.api = api;
        this.transport = transport;
        this.tokens = tokens;
    }

    private JsonNode get(String what, Supplier<RestResponse<String>> call) {
        return Json.parse(tokens.authorized(() -> transport.execute(what, call)), what);
    }

    @Override
    public void heartRateDays(DateRange range, Consumer<? super HeartRateDay> out) {
        for (DateRange chunk : range.chunks(HEART_RATE_DAYS_PER_REQUEST)) {
            String what = "heart rate " + chunk;
            JsonNode body = get(what, () -> api.heartRate(chunk.start().toString(), chunk.end().toString()));
            List<HeartRateDay> days = new ArrayList<>();
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
                if (worn && chunk.contains(date)) {
                    days.add(new HeartRateDay(date, resting, minutes[0], minutes[1], minutes[2], minutes[3]));
                }
            }
            days.sort(Comparator.comparing(HeartRateDay::date));
            days.forEach(out);
        }
    }

    /** Fitbit's zone names, in column order; matched without case and spaces. */
    private static int zoneIndex(String name) {
        return List.of("outofrange", "fatburn", "cardio", "peak").indexOf(name.replace(" ", "").toLowerCase(Locale.ROOT));
    }

    @Override
    public void heartRateSamples(DateRange range, Resolution resolution, Consumer<? super HeartRateSample> out) {
        LocalTimes times = new LocalTimes(zone());
        for (LocalDate date = range.start(); !date.isAfter(range.end()); date = date.plusDays(1)) {
            LocalDate day = date;
            String what = "heart rate " + resolution.label() + " " + day;
            JsonNode body = get(what, () -> api.heartRateIntraday(day.toString(), resolution.label()));
            JsonNode intraday = body.get("activities-heart-intraday");
            if (intraday == null) {
                throw FbxException.notAuthorised("Fitbit sends no intraday heart rate to this app: intraday data needs an app"
                        + " of OAuth type 'Personal' (your own data). Change the app's type at dev.fitbit.com/apps, then run 'fbx auth login'.");
            }
            List<HeartRateSample> samples = new ArrayList<>();
            for (JsonNode sample : Json.array(intraday, "dataset", what)) {
                LocalTime time = parse(sample.path("time").asText(""), LocalTime::parse, what);
                Integer value = Json.integer(sample.path("value"));
                if (value != null) {
                    samples.add(new HeartRateSample(times.at(LocalDateTime.of(day, time)), value));
                }
            }
            samples.sort(Comparator.comparing(s -> s.time().toInstant()));
            samples.forEach(out);
        }
    }

    @Override
    public void hrvDays(DateRange range, Consumer<? super HrvDay> out) {
        for (DateRange chunk : range.chunks(HRV_DAYS_PER_REQUEST)) {
            String what = "HRV " + chunk;
            JsonNode body = get(what, () -> api.hrv(chunk.start().toString(), chunk.end().toString()));
            List<HrvDay> days = new ArrayList<>();
            for (JsonNode day : Json.array(body, "hrv", what)) {
                LocalDate date = date(day.path("dateTime"), what);
                Double daily = Json.number(day.path("value").path("dailyRmssd"));
                Double deep = Json.number(day.path("value").path("deepRmssd"));
                if ((daily != null || deep != null) && chunk.contains(date)) {
                    days.add(new HrvDay(date, daily, deep));
                }
            }
            days.sort(Comparator.comparing(HrvDay::date));
            days.forEach(out);
        }
    }

    @Override
    public void hrvSamples(DateRange range, Consumer<? super HrvSample> out) {
        LocalTimes times = new LocalTimes(zone());
        for (DateRange chunk : range.chunks(HRV_DAYS_PER_REQUEST)) {
            String what = "HRV intraday " + chunk;
            JsonNode body = get(what, () -> api.hrvIntraday(chunk.start().toString(), chunk.end().toString()));
            record Window(LocalDate night, LocalDateTime local, JsonNode value) {
            }
            List<Window> windows = new ArrayList<>();
            for (JsonNode day : Json.array(body, "hrv", what)) {
                LocalDate night = date(day.path("dateTime"), what);
                for (JsonNode minute : Json.array(day, "minutes", what)) {
                    if (chunk.contains(night)) {
                        windows.add(new Window(night, parse(minute.path("minute").asText(""), LocalDateTime::parse, what), minute.path("value")));
                    }
                }
            }
            windows.sort(Comparator.comparing(Window::local));
            for (Window w : windows) {
                out.accept(new HrvSample(w.night(), times.at(w.local()), Json.number(w.value().path("rmssd")),
                        Json.number(w.value().path("coverage")), Json.number(w.value().path("hf")), Json.number(w.value().path("lf"))));
            }
        }
    }

    @Override
    public Profile profile() {
        JsonNode user = get("profile", api::profile).path("user");
        String timezone = user.path("timezone").asText(null);
        if (timezone != null) {
            cacheZone(timezone);
        }
        List<String> devices = new ArrayList<>();
        try {
            for (JsonNode device : Json.elements(get("devices", api::devices), "devices")) {
                devices.add(device.path("deviceVersion").asText("?") + " (last sync " + device.path("lastSyncTime").asText("unknown") + ")");
            }
        } catch (FbxException e) {
            if (e.exitCode() != FbxException.NOT_AUTHORISED) {
                throw e;
            }
            devices.add("(not shown: the token lacks the 'settings' scope)");
        }
        return new Profile(user.path("encodedId").asText(tokens.current().get(TokenFile.USER_ID).orElse(null)),
                user.path("displayName").asText(null), timezone, devices);
    }

    /** The account's time zone: cached in the token file, else read from the profile once and cached. */
    ZoneId zone() {
        if (zone == null) {
            String id = tokens.current().get(TokenFile.TIMEZONE).orElse(null);
            if (id == null) {
                id = get("profile", api::profile).path("user").path("timezone").asText(null);
                if (id == null) {
                    throw Json.malformed("profile", "no \"timezone\"", null);
                }
                cacheZone(id);
            }
            try {
                zone = ZoneId.of(id);
            } catch (DateTimeException e) {
                throw FbxException.badData("The account's time zone '" + id + "' is not a known IANA zone: run 'fbx profile' to read it again.", e);
            }
        }
        return zone;
    }

    private void cacheZone(String id) {
        if (!id.equals(tokens.current().get(TokenFile.TIMEZONE).orElse(null))) {
            tokens.update(file -> file.with(TokenFile.TIMEZONE, id));
        }
        zone = null;
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
