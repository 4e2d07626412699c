package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Google's sample lists as clients that migrated met them: pages shorter than asked for, and empty
 * pages, that still carry a {@code nextPageToken}; and a phone and a watch recording at once, whose
 * points {@code list} returns side by side while {@code :reconcile} merges them into one stream.
 */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class GoogleSamplesTest extends FakeApiTest {
    private static final String HEART_RATE = "/v4/users/me/dataTypes/heart-rate/dataPoints";

    private Path tokens() {
        return TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"ID.apps.googleusercontent.com\","
                        + "\"client_secret\":\"GOCSPX-S\",\"access_token\":\"ya29.A\",\"refresh_token\":\"1//R\",\"expires_at\":\""
                        + Instant.now().plusSeconds(3000) + "\",\"timezone\":\"UTC\"}");
    }

    /** A heart-rate point at {@code time} (UTC), from {@code source} when not null (as {@code list} gives them). */
    private static String point(String time, int bpm, String source) {
        return "{"
                + (source == null
                        ? ""
                        : "\"dataSource\":{\"platform\":\"FITBIT\",\"device\":{\"displayName\":\"" + source + "\"}},")
                + "\"heartRate\":{\"sampleTime\":{\"physicalTime\":\"" + time
                + "\",\"utcOffset\":\"0s\"},\"beatsPerMinute\":\"" + bpm + "\"}}";
    }

    private static String page(String nextPageToken, String... points) {
        return "{" + (points.length == 0 ? "" : "\"dataPoints\":[" + String.join(",", points) + "]")
                + (nextPageToken == null
                        ? ""
                        : (points.length == 0 ? "" : ",") + "\"nextPageToken\":\"" + nextPageToken + "\"")
                + "}";
    }

    @Test
    void shortAndEmptyPagesAreFollowedUntilNoTokenComes(QuarkusMainLauncher launcher) {
        Path file = tokens();
        String url = HEART_RATE + ":reconcile";
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("pageToken", absent())
                .withQueryParam("pageSize", equalTo("10000"))
                .willReturn(okJson(
                        page("p2", point("2026-11-20T12:00:00Z", 80, null), point("2026-11-20T06:00:00Z", 60, null)))));
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("pageToken", equalTo("p2"))
                .willReturn(okJson(page("p3"))));
        api.stubFor(get(urlPathEqualTo(url))
                .withQueryParam("pageToken", equalTo("p3"))
                .willReturn(okJson(page(null, point("2026-11-20T01:00:00Z", 52, null)))));

        LaunchResult result =
                launcher.launch("--token-file", file.toString(), "hr", "--detail", "1sec", "--date", "2026-11-20");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                time,heart_rate
                2026-11-20T01:00:00+00:00,52
                2026-11-20T06:00:00+00:00,60
                2026-11-20T12:00:00+00:00,80""", result.getOutput());
        api.verify(3, getRequestedFor(urlPathEqualTo(url)));
    }

    @Test
    void aPhoneAndAWatchRecordingAtOnceGiveOneValuePerTime(QuarkusMainLauncher launcher) {
        Path file = tokens();
        // What list answers: each source's own points, a few seconds apart, values from two sensors.
        api.stubFor(get(urlPathEqualTo(HEART_RATE))
                .willReturn(okJson(page(
                        null,
                        point("2026-11-20T08:00:06Z", 75, "Pixel Watch"),
                        point("2026-11-20T08:00:04Z", 91, "Phone"),
                        point("2026-11-20T08:00:01Z", 74, "Pixel Watch"),
                        point("2026-11-20T08:00:00Z", 88, "Phone")))));
        // What reconcile answers for the same time: one stream.
        api.stubFor(get(urlPathEqualTo(HEART_RATE + ":reconcile"))
                .willReturn(okJson(
                        page(null, point("2026-11-20T08:00:06Z", 75, null), point("2026-11-20T08:00:01Z", 74, null)))));

        LaunchResult result =
                launcher.launch("--token-file", file.toString(), "hr", "--detail", "1sec", "--date", "2026-11-20");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                time,heart_rate
                2026-11-20T08:00:01+00:00,74
                2026-11-20T08:00:06+00:00,75""", result.getOutput());
        api.verify(0, getRequestedFor(urlPathEqualTo(HEART_RATE)));
    }
}
