package dev.fbx.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo person in the Google Health API v4's shapes (discovery revision 20261002), for the calls
 * fbx makes: daily types and sleep listed by their {@code filter}, heart-rate and HRV samples by
 * {@code :reconcile}, per-minute heart rate by {@code :rollUp}, zone minutes by {@code :dailyRollUp},
 * the settings' time zone, the identity and the paired devices. It keeps the API's habits that
 * clients trip over: newest first, int64 values as strings, durations as {@code "3600s"}, a wrong
 * filter field refused with 400, and pages shorter than asked for.
 */
final class GoogleAnswers {
    /** A status and a body. */
    record Answer(int status, JsonNode body) {}

    static final String HEALTH_USER_ID = DemoPerson.USER_ID;
    /** The person's baseline skin temperature: Google serves absolute nightly values. */
    private static final double BASELINE_CELSIUS = 33.9;
    /** The most points a page holds, whatever pageSize asks (Google has returned half of 10000). */
    private static final int PAGE_LIMIT = 5000;

    private static final int MAX_PAGE_SIZE = 10_000;
    private static final int MAX_SLEEP_PAGE_SIZE = 25;
    private static final long MAX_ROLL_UP_DAYS = 14;
    private static final long MAX_DAILY_ROLL_UP_DAYS = 90;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DATA_POINTS =
            Pattern.compile("/v4/users/me/dataTypes/([a-z-]+)/dataPoints(:reconcile|:rollUp|:dailyRollUp)?");
    private static final Pattern FILTER = Pattern.compile("([a-z_.]+) >= \"([^\"]+)\" AND ([a-z_.]+) < \"([^\"]+)\"");

    private final DemoPerson person;
    private List<Instant> lastRange;
    private List<Sample> lastSamples;

    GoogleAnswers(DemoPerson person) {
        this.person = person;
    }

    /**
     * @param query the request's query parameters, decoded
     * @param body  a POST's body, null for a GET
     */
    Answer answer(String method, String path, Map<String, String> query, String body, LocalDate today) {
        try {
            Matcher m = DATA_POINTS.matcher(path);
            if (method.equals("GET") && path.equals("/v4/users/me/settings")) {
                return ok(settings(today));
            }
            if (method.equals("GET") && path.equals("/v4/users/me/identity")) {
                return ok(JSON.objectNode()
                        .put("name", "users/me/identity")
                        .put("healthUserId", HEALTH_USER_ID)
                        .put("legacyUserId", DemoPerson.USER_ID));
            }
            if (method.equals("GET") && path.equals("/v4/users/me/pairedDevices")) {
                return ok(pairedDevices(today));
            }
            if (!m.matches()) {
                return error(404, "NOT_FOUND", "The requested URL " + path + " was not found on this server.");
            }
            String type = m.group(1);
            String verb = m.group(2) == null ? "" : m.group(2);
            return switch (verb) {
                case "", ":reconcile" -> method.equals("GET") ? list(type, query) : notAllowed(method, path);
                case ":rollUp" ->
                    method.equals("POST") && type.equals("heart-rate")
                            ? rollUp(MAPPER.readTree(body))
                            : notAllowed(method, path);
                default ->
                    method.equals("POST") && type.equals("time-in-heart-rate-zone")
                            ? dailyRollUp(MAPPER.readTree(body))
                            : notAllowed(method, path);
            };
        } catch (Refused e) {
            return error(400, "INVALID_ARGUMENT", e.getMessage());
        } catch (DateTimeException | IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return error(400, "INVALID_ARGUMENT", "Invalid request: " + e.getMessage());
        }
    }

    private static Answer notAllowed(String method, String path) {
        return error(405, "INVALID_ARGUMENT", method + " is not served for " + path + ".");
    }

    private ObjectNode settings(LocalDate today) {
        int offset = person.zone()
                .getRules()
                .getOffset(today.atTime(12, 0).atZone(person.zone()).toInstant())
                .getTotalSeconds();
        return JSON.objectNode()
                .put("name", "users/me/settings")
                .put("timeZone", person.zone().getId())
                .put("utcOffset", offset + "s");
    }

    private static ObjectNode pairedDevices(LocalDate today) {
        ObjectNode body = JSON.objectNode();
        body.putArray("pairedDevices")
                .addObject()
                .put("name", "users/me/pairedDevices/1000001")
                .put("deviceVersion", "Charge 6")
                .put("deviceType", "TRACKER")
                .put("batteryLevel", 81)
                .put(
                        "lastSyncTime",
                        today.atTime(6, 42, 10).toInstant(ZoneOffset.UTC).toString());
        return body;
    }

    // ---- list and :reconcile

    /** A data type's points whose filter field lies in [lower, upper), newest first, one page at a time. */
    private Answer list(String type, Map<String, String> query) {
        Matcher filter = FILTER.matcher(query.getOrDefault("filter", ""));
        if (!filter.matches() || !filter.group(1).equals(filter.group(3))) {
            throw new Refused(
                    "INVALID_DATA_POINT_FILTER: the filter must read 'field >= \"…\" AND field < \"…\"', not '"
                            + query.getOrDefault("filter", "") + "'.");
        }
        String field = filter.group(1);
        String expected = switch (type) {
            case "heart-rate", "heart-rate-variability", "oxygen-saturation" ->
                type.replace('-', '_') + ".sample_time.physical_time";
            case "sleep" -> "sleep.interval.civil_end_time";
            default -> type.replace('-', '_') + ".date";
        };
        if (!field.equals(expected)) {
            throw new Refused("INVALID_DATA_POINT_FILTER_FIELD: " + type + " is not filtered on " + field + "; use "
                    + expected + ".");
        }
        int pageSize = pageSize(query, type.equals("sleep") ? MAX_SLEEP_PAGE_SIZE : MAX_PAGE_SIZE);
        if (type.equals("heart-rate")) {
            // A day of samples is tens of thousands of points: only the page's become JSON.
            return ok(page(
                    "dataPoints",
                    samples(Instant.parse(filter.group(2)), Instant.parse(filter.group(4))),
                    GoogleAnswers::sample,
                    pageSize,
                    query.get("pageToken")));
        }
        List<ObjectNode> points = switch (type) {
            case "heart-rate-variability" -> hrvSamples(Instant.parse(filter.group(2)), Instant.parse(filter.group(4)));
            case "oxygen-saturation" -> spo2Samples(Instant.parse(filter.group(2)), Instant.parse(filter.group(4)));
            case "sleep" -> sleeps(LocalDate.parse(filter.group(2)), LocalDate.parse(filter.group(4)));
            default -> daily(type, LocalDate.parse(filter.group(2)), LocalDate.parse(filter.group(4)));
        };
        if (points == null) {
            return error(404, "NOT_FOUND", "The data type " + type + " is not served by the demo person.");
        }
        return ok(page("dataPoints", points, Function.identity(), pageSize, query.get("pageToken")));
    }

    /** One point per day of a daily type, in {@code [from, to)}, newest first; null for a type the demo does not serve. */
    private List<ObjectNode> daily(String type, LocalDate from, LocalDate to) {
        Function<LocalDate, ObjectNode> value = switch (type) {
            case "daily-resting-heart-rate" ->
                date -> JSON.objectNode().put("beatsPerMinute", Integer.toString(person.restingHeartRate(date)));
            case "daily-heart-rate-variability" ->
                date -> {
                    DemoPerson.HrvNight night = person.hrvNight(date);
                    return night == null
                            ? null
                            : JSON.objectNode()
                                    .put("averageHeartRateVariabilityMilliseconds", night.daily())
                                    .put("deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds", night.deep())
                                    .put("nonRemHeartRateBeatsPerMinute", Integer.toString(night.nremHeartRate()))
                                    .put("entropy", night.entropy());
                };
            case "daily-oxygen-saturation" ->
                date -> {
                    DemoPerson.Spo2Night night = person.spo2Night(date);
                    return night == null
                            ? null
                            : JSON.objectNode()
                                    .put("averagePercentage", night.average())
                                    .put("lowerBoundPercentage", night.min())
                                    .put("upperBoundPercentage", night.max());
                };
            case "daily-respiratory-rate" ->
                date -> {
                    Double rate = person.breathingRate(date);
                    return rate == null ? null : JSON.objectNode().put("breathsPerMinute", rate);
                };
            case "daily-sleep-temperature-derivations" ->
                date -> {
                    Double relative = person.relativeSkinTemperature(date);
                    return relative == null
                            ? null
                            : JSON.objectNode()
                                    .put("nightlyTemperatureCelsius", DemoPerson.round(BASELINE_CELSIUS + relative, 2))
                                    .put("baselineTemperatureCelsius", BASELINE_CELSIUS);
                };
            default -> null;
        };
        if (value == null) {
            return null;
        }
        String field = camelCase(type);
        List<ObjectNode> points = new ArrayList<>();
        for (LocalDate date = to.minusDays(1); !date.isBefore(from); date = date.minusDays(1)) {
            ObjectNode point = value.apply(date);
            if (point != null) {
                point.set("date", date(date));
                points.add(JSON.objectNode().set(field, point));
            }
        }
        return points;
    }

    private record Sample(ZonedDateTime at, int bpm) {}

    /** The heart-rate samples taken in {@code [from, to)}, newest first; the last range's are kept for its next pages. */
    private synchronized List<Sample> samples(Instant from, Instant to) {
        if (!List.of(from, to).equals(lastRange)) {
            List<Sample> samples = new ArrayList<>();
            forEachSample(from, to, (at, bpm) -> samples.add(new Sample(at, bpm)));
            lastSamples = reversed(samples);
            lastRange = List.of(from, to);
        }
        return lastSamples;
    }

    private static ObjectNode sample(Sample sample) {
        ObjectNode heartRate = JSON.objectNode();
        heartRate.set("sampleTime", sampleTime(sample.at()));
        heartRate.put("beatsPerMinute", Integer.toString(sample.bpm()));
        heartRate.putObject("metadata").put("sensorLocation", "WRIST");
        return JSON.objectNode().set("heartRate", heartRate);
    }

    private interface SampleConsumer {
        void accept(ZonedDateTime at, int bpm);
    }

    /** Every heart-rate sample in {@code [from, to)}, oldest first, at the local time of the account's zone. */
    private void forEachSample(Instant from, Instant to, SampleConsumer out) {
        LocalDate first = from.atZone(person.zone()).toLocalDate();
        LocalDate last = to.atZone(person.zone()).toLocalDate();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            int[] samples = person.heartRateBySample(date);
            for (int i = 0; i < samples.length; i++) {
                if (samples[i] < 0) {
                    continue;
                }
                ZonedDateTime at = date.atStartOfDay()
                        .plusSeconds((long) i * DemoPerson.SAMPLE_SECONDS)
                        .atZone(person.zone());
                Instant instant = at.toInstant();
                if (!instant.isBefore(from) && instant.isBefore(to)) {
                    out.accept(at, samples[i]);
                }
            }
        }
    }

    /** The 5-minute HRV windows that start in {@code [from, to)}, newest first; Google gives no coverage. */
    private List<ObjectNode> hrvSamples(Instant from, Instant to) {
        List<ObjectNode> points = new ArrayList<>();
        LocalDate last = to.atZone(person.zone()).toLocalDate().plusDays(1);
        for (LocalDate date = from.atZone(person.zone()).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (DemoPerson.Window window : person.hrvWindows(date)) {
                ZonedDateTime at = window.minute().atZone(person.zone());
                if (!at.toInstant().isBefore(from) && at.toInstant().isBefore(to)) {
                    ObjectNode hrv = JSON.objectNode();
                    hrv.set("sampleTime", sampleTime(at));
                    hrv.put("rootMeanSquareOfSuccessiveDifferencesMilliseconds", window.rmssd());
                    hrv.putObject("metadata")
                            .put("highFrequencyPower", window.hf())
                            .put("lowFrequencyPower", window.lf());
                    points.add(JSON.objectNode().set("heartRateVariability", hrv));
                }
            }
        }
        return reversed(points);
    }

    /** The SpO2 readings taken in {@code [from, to)}, newest first, the sensor's floor among them as Google passes it on. */
    private List<ObjectNode> spo2Samples(Instant from, Instant to) {
        List<ObjectNode> points = new ArrayList<>();
        LocalDate last = to.atZone(person.zone()).toLocalDate().plusDays(1);
        for (LocalDate date = from.atZone(person.zone()).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (DemoPerson.Spo2Reading reading : person.spo2Readings(date)) {
                if (!reading.time().toInstant().isBefore(from)
                        && reading.time().toInstant().isBefore(to)) {
                    ObjectNode spo2 = JSON.objectNode().put("percentage", reading.percentage());
                    spo2.set("sampleTime", sampleTime(reading.time()));
                    points.add(JSON.objectNode().set("oxygenSaturation", spo2));
                }
            }
        }
        return reversed(points);
    }

    /** The sleeps that end on a local date in {@code [from, to)}: main sleeps with stages, naps classic; newest first. */
    private List<ObjectNode> sleeps(LocalDate from, LocalDate to) {
        List<ObjectNode> points = new ArrayList<>();
        for (LocalDate date = from; date.isBefore(to); date = date.plusDays(1)) {
            DemoPerson.Night night = person.night(date);
            if (night.recorded()) {
                points.add(sleep(
                        "night-" + date,
                        night.start(),
                        night.end(),
                        "STAGES",
                        true,
                        night.asleep(),
                        night.awake(),
                        Map.of(
                                "DEEP",
                                night.deep(),
                                "LIGHT",
                                night.light(),
                                "REM",
                                night.rem(),
                                "AWAKE",
                                night.awake())));
            }
            DemoPerson.Nap nap = person.nap(date);
            if (nap != null) {
                points.add(sleep(
                        "nap-" + date,
                        nap.start(),
                        nap.end(),
                        "CLASSIC",
                        false,
                        nap.asleep(),
                        nap.restless() + nap.awake(),
                        Map.of("ASLEEP", nap.asleep(), "RESTLESS", nap.restless(), "AWAKE", nap.awake())));
            }
        }
        return reversed(points);
    }

    private static ObjectNode sleep(
            String id,
            ZonedDateTime start,
            ZonedDateTime end,
            String type,
            boolean main,
            int asleep,
            int awake,
            Map<String, Integer> stages) {
        ObjectNode sleep = JSON.objectNode();
        ObjectNode interval = sleep.putObject("interval")
                .put("startTime", start.toInstant().toString())
                .put("startUtcOffset", start.getOffset().getTotalSeconds() + "s")
                .put("endTime", end.toInstant().toString())
                .put("endUtcOffset", end.getOffset().getTotalSeconds() + "s");
        interval.set("civilStartTime", civil(start.toLocalDateTime()));
        interval.set("civilEndTime", civil(end.toLocalDateTime()));
        sleep.put("type", type);
        ObjectNode metadata = sleep.putObject("metadata").put("processed", true);
        // Proto3 JSON leaves out false.
        if (main) {
            metadata.put("mainSleep", true).put("stagesStatus", "SUCCEEDED");
        } else {
            metadata.put("nap", true).put("stagesStatus", "REJECTED_NAP");
        }
        ObjectNode summary = sleep.putObject("summary")
                .put("minutesAsleep", Integer.toString(asleep))
                .put("minutesAwake", Integer.toString(awake))
                .put(
                        "minutesInSleepPeriod",
                        Long.toString(Duration.between(start, end).toMinutes()));
        ArrayNode stagesSummary = summary.putArray("stagesSummary");
        stages.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(stage -> stagesSummary
                        .addObject()
                        .put("type", stage.getKey())
                        .put("minutes", Integer.toString(stage.getValue())));
        return JSON.objectNode()
                .put("name", "users/me/dataTypes/sleep/dataPoints/" + id)
                .set("sleep", sleep);
    }

    // ---- roll-ups

    /** Heart rate per physical-time window (at most 14 days): average, minimum and maximum of the samples in it, newest first. */
    private Answer rollUp(JsonNode request) {
        Instant from = Instant.parse(request.path("range").path("startTime").asText());
        Instant to = Instant.parse(request.path("range").path("endTime").asText());
        long window = durationSeconds(request.path("windowSize").asText());
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofDays(MAX_ROLL_UP_DAYS)) > 0) {
            throw new Refused("range must span more than nothing and at most " + MAX_ROLL_UP_DAYS + " days.");
        }
        if (window < 60 || window > 86_400) {
            throw new Refused("windowSize must be 60s to 86400s, not '"
                    + request.path("windowSize").asText() + "'.");
        }
        int windows = (int) ((Duration.between(from, to).getSeconds() + window - 1) / window);
        long[] sum = new long[windows];
        int[] count = new int[windows];
        int[] min = new int[windows];
        int[] max = new int[windows];
        forEachSample(from, to, (at, bpm) -> {
            int w = (int) (Duration.between(from, at.toInstant()).getSeconds() / window);
            min[w] = count[w] == 0 ? bpm : Math.min(min[w], bpm);
            max[w] = count[w] == 0 ? bpm : Math.max(max[w], bpm);
            sum[w] += bpm;
            count[w]++;
        });
        List<ObjectNode> points = new ArrayList<>();
        for (int w = windows - 1; w >= 0; w--) {
            if (count[w] > 0) {
                Instant start = from.plusSeconds(w * window);
                ObjectNode point = JSON.objectNode()
                        .put("startTime", start.toString())
                        .put("endTime", start.plusSeconds(window).toString());
                point.putObject("heartRate")
                        .put("beatsPerMinuteAvg", DemoPerson.round(sum[w] / (double) count[w], 1))
                        .put("beatsPerMinuteMin", min[w])
                        .put("beatsPerMinuteMax", max[w]);
                points.add(point);
            }
        }
        return ok(page(
                "rollupDataPoints",
                points,
                Function.identity(),
                pageSize(request.path("pageSize").asInt(0), MAX_PAGE_SIZE),
                request.path("pageToken").asText(null)));
    }

    /**
     * Time per heart-rate zone for each civil day of the range: Fitbit's fat burn, cardio and peak
     * are Google's LIGHT, MODERATE and VIGOROUS, counted from the same minute curve as the samples.
     */
    private Answer dailyRollUp(JsonNode request) {
        LocalDate from = civilDate(request.path("range").path("start").path("date"));
        LocalDate to = civilDate(request.path("range").path("end").path("date"));
        if (!from.isBefore(to) || from.plusDays(MAX_DAILY_ROLL_UP_DAYS).isBefore(to)) {
            throw new Refused("range must span 1 to " + MAX_DAILY_ROLL_UP_DAYS + " days.");
        }
        if (request.path("windowSizeDays").asInt(1) != 1) {
            throw new Refused("the demo account rolls up by single days (windowSizeDays 1).");
        }
        String[] names = {null, "LIGHT", "MODERATE", "VIGOROUS"};
        List<ObjectNode> points = new ArrayList<>();
        for (LocalDate date = to.minusDays(1); !date.isBefore(from); date = date.minusDays(1)) {
            int[] minutes = person.zoneMinutes(date);
            ObjectNode point = JSON.objectNode();
            point.putObject("civilStartTime").set("date", date(date));
            point.putObject("civilEndTime").set("date", date(date.plusDays(1)));
            ArrayNode zones = JSON.arrayNode();
            for (int zone = 1; zone < names.length; zone++) {
                if (minutes[zone] > 0) {
                    zones.addObject().put("heartRateZone", names[zone]).put("duration", minutes[zone] * 60 + "s");
                }
            }
            if (!zones.isEmpty()) {
                point.putObject("timeInHeartRateZone").set("timeInHeartRateZones", zones);
            }
            points.add(point);
        }
        return ok(page(
                "rollupDataPoints",
                points,
                Function.identity(),
                pageSize(request.path("pageSize").asInt(0), MAX_PAGE_SIZE),
                request.path("pageToken").asText(null)));
    }

    // ---- paging and values

    private static int pageSize(Map<String, String> query, int max) {
        try {
            return pageSize(Integer.parseInt(query.getOrDefault("pageSize", "0")), max);
        } catch (NumberFormatException e) {
            throw new Refused("pageSize must be a number, not '" + query.get("pageSize") + "'.");
        }
    }

    /** The page size asked for: 0 means the default of 1440; above {@code max} is refused. */
    private static int pageSize(int asked, int max) {
        if (asked < 0 || asked > max) {
            throw new Refused("pageSize must be between 1 and " + max + ", not " + asked + ".");
        }
        return asked == 0 ? Math.min(1440, max) : asked;
    }

    /** One page of {@code points}: at most {@link #PAGE_LIMIT} of them, whatever was asked for; the token is the next page's offset. */
    private static <T> ObjectNode page(
            String field, List<T> points, Function<T, ObjectNode> json, int pageSize, String token) {
        int offset;
        try {
            offset = token == null || token.isEmpty() ? 0 : Integer.parseInt(token.substring("demo-page-".length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new Refused("Invalid page token '" + token + "'.");
        }
        int end = Math.min(points.size(), offset + Math.min(pageSize, PAGE_LIMIT));
        ObjectNode body = JSON.objectNode();
        ArrayNode page = body.putArray(field);
        points.subList(Math.min(offset, points.size()), end).forEach(point -> page.add(json.apply(point)));
        if (end < points.size()) {
            body.put("nextPageToken", "demo-page-" + end);
        }
        return body;
    }

    private static ObjectNode sampleTime(ZonedDateTime at) {
        ObjectNode time = JSON.objectNode()
                .put("physicalTime", at.toInstant().toString())
                .put("utcOffset", at.getOffset().getTotalSeconds() + "s");
        time.set("civilTime", civil(at.toLocalDateTime()));
        return time;
    }

    /** A {@code CivilDateTime}; proto3 JSON leaves out zero fields. */
    private static ObjectNode civil(LocalDateTime local) {
        ObjectNode civil = JSON.objectNode();
        civil.set("date", date(local.toLocalDate()));
        ObjectNode time = civil.putObject("time");
        if (local.getHour() > 0) {
            time.put("hours", local.getHour());
        }
        if (local.getMinute() > 0) {
            time.put("minutes", local.getMinute());
        }
        if (local.getSecond() > 0) {
            time.put("seconds", local.getSecond());
        }
        return civil;
    }

    private static ObjectNode date(LocalDate date) {
        return JSON.objectNode()
                .put("year", date.getYear())
                .put("month", date.getMonthValue())
                .put("day", date.getDayOfMonth());
    }

    private static LocalDate civilDate(JsonNode date) {
        return LocalDate.of(
                date.path("year").asInt(),
                date.path("month").asInt(),
                date.path("day").asInt());
    }

    private static long durationSeconds(String text) {
        if (!text.endsWith("s")) {
            throw new Refused("a duration reads like '60s', not '" + text + "'.");
        }
        return Long.parseLong(text.substring(0, text.length() - 1));
    }

    /** {@code daily-resting-heart-rate} → {@code dailyRestingHeartRate}. */
    private static String camelCase(String type) {
        StringBuilder name = new StringBuilder();
        for (String part : type.split("-")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    private static <T> List<T> reversed(List<T> oldestFirst) {
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    /** Google's error body: {@code {"error":{"code","message","status"}}}. */
    static Answer error(int code, String status, String message) {
        ObjectNode body = JSON.objectNode();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        return new Answer(code, body);
    }

    /** A request the API refuses as INVALID_ARGUMENT. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
