package dev.fbx.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google Health account with data on every day, for ranges the test cannot know in advance: list
 * calls answer by their {@code filter}, one page each. Daily types have a point per day; heart-rate
 * samples come every three hours with their own UTC offset, which from {@link #TRAVEL_FROM} on is
 * New York's while the account's zone stays Berlin's (a traveller). Roll-ups, sleep, HRV and SpO2 samples answer empty. Stubs
 * opt in with {@code withTransformers(GoogleDays.NAME)}.
 */
public final class GoogleDays implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "google-days";
    public static final ZoneId HOME = ZoneId.of("Europe/Berlin");
    public static final ZoneId AWAY = ZoneId.of("America/New_York");
    /** From this instant on the samples carry New York's offset. */
    public static final Instant TRAVEL_FROM = Instant.parse("2026-03-10T16:00:00Z");

    private static final Pattern LIST = Pattern.compile("/v4/users/me/dataTypes/([a-z-]+)/dataPoints(?::reconcile)?");
    private static final Pattern FILTER = Pattern.compile("\\S+ >= \"([^\"]+)\" AND \\S+ < \"([^\"]+)\"");

    /**
     * An account served by this transformer on {@code api}, whose token endpoint refuses the refresh
     * token {@code revoked} as Google does one that expired or was revoked (other refreshes are not stubbed).
     */
    public static void stub(WireMockServer api, String revoked) {
        api.stubFor(get(urlPathMatching("/v4/users/me/dataTypes/.*"))
                .willReturn(aResponse().withTransformers(NAME)));
        api.stubFor(post(urlPathMatching("/v4/users/me/dataTypes/.*"))
                .willReturn(aResponse().withTransformers(NAME)));
        api.stubFor(
                post(urlEqualTo("/google/token"))
                        .withRequestBody(containing(revoked))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));
    }

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
        ResponseDefinitionBuilder response = new ResponseDefinitionBuilder()
                .withHeader("Content-Type", "application/json")
                .withStatus(200);
        String path = event.getRequest().getUrl().replaceFirst("\\?.*", "");
        if (path.endsWith(":rollUp") || path.endsWith(":dailyRollUp")) {
            return response.withBody("{\"rollupDataPoints\":[]}").build();
        }
        Matcher list = LIST.matcher(path);
        Matcher filter =
                FILTER.matcher(event.getRequest().queryParameter("filter").firstValue());
        if (!list.matches() || !filter.matches()) {
            return response.withStatus(400)
                    .withBody("{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\",\"message\":\"not served\"}}")
                    .build();
        }
        String type = list.group(1);
        List<String> points = new ArrayList<>();
        if (type.equals("heart-rate")) {
            for (OffsetDateTime sample : samples(Instant.parse(filter.group(1)), Instant.parse(filter.group(2)))) {
                points.add("{\"heartRate\":{\"beatsPerMinute\":\"" + bpm(sample.toInstant())
                        + "\",\"sampleTime\":{\"physicalTime\":\"" + sample.toInstant() + "\",\"utcOffset\":\""
                        + sample.getOffset().getTotalSeconds() + "s\"}}}");
            }
        } else if (!type.equals("sleep")
                && !type.equals("heart-rate-variability")
                && !type.equals("oxygen-saturation")) {
            String field = camel(type);
            for (LocalDate day = LocalDate.parse(filter.group(1));
                    day.isBefore(LocalDate.parse(filter.group(2)));
                    day = day.plusDays(1)) {
                long n = day.toEpochDay();
                points.add("{\"" + field + "\":{\"date\":{\"year\":" + day.getYear() + ",\"month\":"
                        + day.getMonthValue() + ",\"day\":"
                        + day.getDayOfMonth() + "},\"beatsPerMinute\":\"" + (50 + n % 9)
                        + "\",\"averageHeartRateVariabilityMilliseconds\":"
                        + (30 + n % 20) + ".5,\"averagePercentage\":9" + n % 7 + ".5,\"breathsPerMinute\":1" + n % 8
                        + ".25,\"nightlyTemperatureCelsius\":34.5,\"baselineTemperatureCelsius\":34.25}}");
            }
        }
        return response.withBody("{\"dataPoints\":[" + String.join(",", points) + "]}")
                .build();
    }

    /** The samples taken in {@code [from, to)}: every three hours on the hour (UTC), each with the offset of where the wearer was. */
    public static List<OffsetDateTime> samples(Instant from, Instant to) {
        List<OffsetDateTime> samples = new ArrayList<>();
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        for (Instant t = first; t.isBefore(to); t = t.plus(1, ChronoUnit.HOURS)) {
            if (!t.isBefore(from) && t.atOffset(ZoneOffset.UTC).getHour() % 3 == 0) {
                samples.add(t.atZone(t.isBefore(TRAVEL_FROM) ? HOME : AWAY).toOffsetDateTime());
            }
        }
        return samples;
    }

    public static long bpm(Instant t) {
        return 55 + t.getEpochSecond() / 3600 % 40;
    }

    /** {@code daily-resting-heart-rate} → {@code dailyRestingHeartRate}. */
    private static String camel(String type) {
        StringBuilder name = new StringBuilder();
        for (String part : type.split("-")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }
}
