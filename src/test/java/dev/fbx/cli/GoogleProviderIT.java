package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fbx.support.FbxProcess;
import dev.fbx.support.Fixtures;
import dev.fbx.support.TokenFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" on the packaged fbx: a google token file with an expired access token,
 * FBX_GOOGLE_API_URL and FBX_GOOGLE_TOKEN_URL pointing at a v4-compatible server, and a week of
 * per-minute HR and intraday HRV.
 */
class GoogleProviderIT {
    @TempDir
    Path dir;

    private WireMockServer api;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterEach
    void stop() {
        assertEquals(
                0,
                api.findAllUnmatchedRequests().size(),
                () -> "unexpected requests: " + api.findAllUnmatchedRequests());
        api.stop();
    }

    @Test
    void aWeekOfPerMinuteHeartRateAndIntradayHrvFromAnExpiredToken() throws Exception {
        TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"1234-abc.apps.googleusercontent.com\","
                        + "\"client_secret\":\"GOCSPX-secret\",\"access_token\":\"OLD-ACCESS\",\"refresh_token\":\"OLD-REFRESH\","
                        + "\"expires_at\":\"" + Instant.now().minusSeconds(600) + "\",\"timezone\":\"Europe/Berlin\"}");
        api.stubFor(post(urlEqualTo("/google/token")).willReturn(okJson(Fixtures.load("google/token-refresh.json"))));
        String rollUp =
                "{\"range\":{\"startTime\":\"2026-10-21T22:00:00Z\",\"endTime\":\"2026-10-28T23:00:00Z\"},\"windowSize\":\"60s\",\"pageSize\":10000";
        api.stubFor(post(urlEqualTo("/v4/users/me/dataTypes/heart-rate/dataPoints:rollUp"))
                .withRequestBody(equalToJson(rollUp + "}"))
                .willReturn(okJson(Fixtures.load("google/rollup-1min-page1.json"))));
        api.stubFor(post(urlEqualTo("/v4/users/me/dataTypes/heart-rate/dataPoints:rollUp"))
                .withRequestBody(equalToJson(rollUp + ",\"pageToken\":\"rollup-page-2\"}"))
                .willReturn(okJson(Fixtures.load("google/rollup-1min-page2.json"))));
        String hrv = "/v4/users/me/dataTypes/heart-rate-variability/dataPoints:reconcile";
        api.stubFor(get(urlPathEqualTo(hrv))
                .withQueryParam("pageToken", absent())
                .willReturn(okJson(Fixtures.load("google/hrv-samples-page1.json"))));
        api.stubFor(get(urlPathEqualTo(hrv))
                .withQueryParam("pageToken", equalTo("hrv-page-2"))
                .willReturn(okJson(Fixtures.load("google/hrv-samples-page2.json"))));
        String base = "http://127.0.0.1:" + api.port();
        Map<String, String> env = Map.of("FBX_GOOGLE_API_URL", base, "FBX_GOOGLE_TOKEN_URL", base + "/google/token");

        int hr = FbxProcess.run(dir, env, "hr", "hr", "--detail", "1min", "--from", "2026-10-22", "--to", "2026-10-28");
        int intraday = FbxProcess.run(
                dir, env, "hrv", "hrv", "--detail", "intraday", "--from", "2026-10-22", "--to", "2026-10-28");

        assertEquals(0, hr, () -> output("hr", "err"));
        assertEquals("""
                time,heart_rate
                2026-10-22T08:00:00+02:00,63.25
                2026-10-25T02:00:00+02:00,54
                2026-10-25T02:00:00+01:00,55
                2026-10-28T23:59:00+01:00,58.5
                """, output("hr", "out"));
        assertEquals(0, intraday, () -> output("hrv", "err"));
        assertEquals("""
                time,rmssd,coverage,hf,lf
                2026-10-21T23:05:00+02:00,35.5,,98.1,350
                2026-10-25T00:30:00+02:00,38,,120.4,410.2
                2026-10-28T05:00:00+01:00,41.2,,,300.5
                """, output("hrv", "out"));
        api.verify(1, postRequestedFor(urlEqualTo("/google/token")));
        assertEquals(
                "OLD-REFRESH",
                TokenFiles.read(dir.resolve("fb_conf.json"))
                        .path("refresh_token")
                        .asText());
        assertEquals("rw-------", TokenFiles.mode(dir.resolve("fb_conf.json")));
    }

    private String output(String name, String stream) {
        try {
            return FbxProcess.output(dir, name, stream);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
