package dev.fbx.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Fitbit account with data on every day, for ranges the test cannot know in advance (a sync that
 * resumes mid-way asks for ranges that depend on where it stopped): answers the HR and HRV
 * endpoints in their documented shapes with values that follow from the date alone, so the same day
 * always reads the same. Every seventh day the tracker was not worn (no data at all). Stubs opt in
 * with {@code withTransformers(FitbitDays.NAME)}; the parameter {@code fail-one-in} (n) answers a
 * random one in n requests with a 503, and {@code delay-ms} slows every answer down.
 */
public final class FitbitDays implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fitbit-days";

    private static final Pattern SUMMARY =
            Pattern.compile("/1/user/-/activities/heart/date/([0-9-]{10})/([0-9-]{10})\\.json");
    private static final Pattern INTRADAY =
            Pattern.compile("/1/user/-/activities/heart/date/([0-9-]{10})/1d/(\\w+)\\.json");
    private static final Pattern HRV = Pattern.compile("/1/user/-/hrv/date/([0-9-]{10})/([0-9-]{10})\\.json");
    private static final Pattern HRV_INTRADAY =
            Pattern.compile("/1/user/-/hrv/date/([0-9-]{10})/([0-9-]{10})/all\\.json");

    private final Random random = new Random(7);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Parameters parameters = event.getTransformerParameters();
        ResponseDefinitionBuilder response =
                new ResponseDefinitionBuilder().withHeader("Content-Type", "application/json");
        if (parameters.containsKey("delay-ms")) {
            response.withFixedDelay(parameters.getInt("delay-ms"));
        }
        if (parameters.containsKey("fail-one-in")) {
            int n = parameters.getInt("fail-one-in");
            boolean fail;
            synchronized (random) {
                fail = random.nextInt(n) == 0;
            }
            if (fail) {
                return response.withStatus(503)
                        .withBody("{\"errors\":[{\"errorType\":\"system\",\"message\":\"unavailable\"}]}")
                        .build();
            }
        }
        String path = event.getRequest().getUrl().replaceFirst("\\?.*", "");
        String body = body(path);
        return body == null
                ? response.withStatus(404)
                        .withBody("{\"errors\":[{\"errorType\":\"not_found\"}]}")
                        .build()
                : response.withStatus(200).withBody(body).build();
    }

    /** The answer to a GET of {@code path}; null for a path this fake does not serve. */
    public static String body(String path) {
        Matcher m;
        if ((m = INTRADAY.matcher(path)).matches()) {
            return heartIntraday(LocalDate.parse(m.group(1)));
        }
        if ((m = SUMMARY.matcher(path)).matches()) {
            return heartSummary(days(m.group(1), m.group(2)));
        }
        if ((m = HRV_INTRADAY.matcher(path)).matches()) {
            return hrvIntraday(days(m.group(1), m.group(2)));
        }
        if ((m = HRV.matcher(path)).matches()) {
            return hrv(days(m.group(1), m.group(2)));
        }
        return null;
    }

    /** False on the days the tracker lay in a drawer. */
    public static boolean worn(LocalDate day) {
        return day.toEpochDay() % 7 != 3;
    }

    private static List<LocalDate> days(String start, String end) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(start); !d.isAfter(LocalDate.parse(end)); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    private static String heartSummary(List<LocalDate> days) {
        List<String> entries = new ArrayList<>();
        for (LocalDate day : days) {
            long n = day.toEpochDay();
            if (!worn(day)) {
                continue;
            }
            String resting = n % 5 == 0 ? "" : ",\"restingHeartRate\":" + (50 + n % 17);
            entries.add("{\"dateTime\":\"" + day + "\",\"value\":{\"customHeartRateZones\":[],\"heartRateZones\":["
                    + zone("Out of Range", 1000 + n % 300) + "," + zone("Fat Burn", n % 90) + ","
                    + zone("Cardio", n % 20) + ","
                    + zone("Peak", n % 3) + "]" + resting + "}}");
        }
        return "{\"activities-heart\":[" + String.join(",", entries) + "]}";
    }

    private static String zone(String name, long minutes) {
        return "{\"caloriesOut\":12.5,\"max\":110,\"min\":30,\"minutes\":" + minutes + ",\"name\":\"" + name + "\"}";
    }

    private static String heartIntraday(LocalDate day) {
        long n = day.toEpochDay();
        List<String> samples = new ArrayList<>();
        if (worn(day)) {
            String[] times = {"00:00:00", "02:30:00", "07:15:00", "12:00:00", "23:59:00"};
            for (int i = 0; i < times.length; i++) {
                samples.add("{\"time\":\"" + times[i] + "\",\"value\":" + (55 + (n + 7 * i) % 40) + "}");
            }
        }
        return "{\"activities-heart\":[{\"dateTime\":\"" + day + "\",\"value\":{\"heartRateZones\":[]}}],"
                + "\"activities-heart-intraday\":{\"dataset\":[" + String.join(",", samples)
                + "],\"datasetInterval\":1,\"datasetType\":\"minute\"}}";
    }

    private static String hrv(List<LocalDate> days) {
        List<String> entries = new ArrayList<>();
        for (LocalDate day : days) {
            long n = day.toEpochDay();
            if (worn(day)) {
                entries.add("{\"value\":{\"dailyRmssd\":" + (30 + n % 20) + ".125,\"deepRmssd\":" + (35 + n % 10)
                        + ".5},\"dateTime\":\"" + day + "\"}");
            }
        }
        return "{\"hrv\":[" + String.join(",", entries) + "]}";
    }

    /** Each night starts the evening before the day it belongs to. */
    private static String hrvIntraday(List<LocalDate> days) {
        List<String> entries = new ArrayList<>();
        for (LocalDate day : days) {
            long n = day.toEpochDay();
            if (!worn(day)) {
                continue;
            }
            String[] minutes = {day.minusDays(1) + "T23:55:00.000", day + "T01:10:00.000", day + "T04:05:00.000"};
            List<String> windows = new ArrayList<>();
            for (int i = 0; i < minutes.length; i++) {
                windows.add("{\"minute\":\"" + minutes[i] + "\",\"value\":{\"rmssd\":" + (25 + (n + i) % 30)
                        + ".25,\"coverage\":0.9" + (n + i) % 10 + ",\"hf\":" + (100 + n % 50) + ".5,\"lf\":" + (400 + i)
                        + "}}");
            }
            entries.add("{\"minutes\":[" + String.join(",", windows) + "],\"dateTime\":\"" + day + "\"}");
        }
        return "{\"hrv\":[" + String.join(",", entries) + "]}";
    }
}
