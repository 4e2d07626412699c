package dev.fbx.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbx.api.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo account's APIs keep each provider's token rules and habits (Google's short pages, its
 * filters and range limits; Fitbit's ranges), so a demo run really exercises fbx's refresh and paging.
 */
class DemoServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DemoServer server =
            DemoServer.start(Clock.fixed(Instant.parse("2024-07-03T10:00:00Z"), ZoneOffset.UTC));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void startsWithAnExpiredAccessTokenThatTheApiRejects() throws Exception {
        assertTrue(server.expiredTokens("fitbit")
                .expiresAt()
                .orElseThrow()
                .isBefore(Instant.parse("2024-07-03T10:00:00Z")));

        HttpResponse<String> response = get(
                "/1/user/-/profile.json",
                server.expiredTokens("fitbit").accessToken().orElseThrow());

        assertEquals(401, response.statusCode());
        assertEquals(
                "expired_token",
                JSON.readTree(response.body())
                        .path("errors")
                        .path(0)
                        .path("errorType")
                        .asText());
    }

    @Test
    void aRefreshGivesAWorkingTokenAndSpendsTheRefreshToken() throws Exception {
        String refresh = server.expiredTokens("fitbit").refreshToken().orElseThrow();

        HttpResponse<String> granted = token(refresh, DemoServer.CLIENT_ID);
        HttpResponse<String> replayed = token(refresh, DemoServer.CLIENT_ID);

        assertEquals(200, granted.statusCode());
        JsonNode grant = JSON.readTree(granted.body());
        assertEquals(28800, grant.path("expires_in").asInt());
        assertEquals(
                200,
                get("/1/user/-/profile.json", grant.path("access_token").asText())
                        .statusCode());
        assertEquals(400, replayed.statusCode(), "a refresh token is single use, as on Fitbit");
        assertEquals(
                "invalid_grant",
                JSON.readTree(replayed.body())
                        .path("errors")
                        .path(0)
                        .path("errorType")
                        .asText());
        assertEquals(1, server.refreshes());
    }

    @Test
    void anUnknownClientIsRefused() throws Exception {
        HttpResponse<String> response =
                token(server.expiredTokens("fitbit").refreshToken().orElseThrow(), "someone-else");

        assertEquals(401, response.statusCode());
        assertEquals(0, server.refreshes());
    }

    @Test
    void rangesAreLimitedAsOnFitbit() throws Exception {
        String access = JSON.readTree(
                        token(server.expiredTokens("fitbit").refreshToken().orElseThrow(), DemoServer.CLIENT_ID)
                                .body())
                .path("access_token")
                .asText();

        assertEquals(
                200,
                get("/1.2/user/-/sleep/date/2024-01-01/2024-04-09.json", access).statusCode());
        assertEquals(
                400,
                get("/1.2/user/-/sleep/date/2024-01-01/2024-04-10.json", access).statusCode());
        assertEquals(
                200,
                get("/1/user/-/spo2/date/2024-06-01/2024-06-30.json", access).statusCode());
        assertEquals(
                400,
                get("/1/user/-/spo2/date/2024-06-01/2024-07-01.json", access).statusCode());
        assertEquals(
                400,
                get("/1/user/-/hrv/date/2024-06-02/2024-06-01.json", access).statusCode());
        assertEquals(
                400,
                get("/1/user/-/spo2/date/2024-02-30/2024-03-01.json", access).statusCode());
        assertEquals(
                400,
                get("/1/user/-/activities/heart/date/2024-02-30/1d/1min.json", access)
                        .statusCode());
        assertEquals(
                404,
                get("/1/user/-/activities/steps/date/2024-06-01/2024-06-02.json", access)
                        .statusCode());
        assertTrue(
                JSON.readTree(get("/1/user/-/spo2/date/2024-06-01/2024-06-30.json", access)
                                .body())
                        .isArray(),
                "SpO2 is a bare list");
    }

    @Test
    void googleKeepsTheRefreshTokenAndChecksTheClientSecret() throws Exception {
        String refresh = server.expiredTokens("google").refreshToken().orElseThrow();
        String expiredAccess = server.expiredTokens("google").accessToken().orElseThrow();
        String secret = DemoServer.CLIENT_SECRET;

        HttpResponse<String> first = googleToken(refresh, secret);
        HttpResponse<String> second = googleToken(refresh, secret);
        HttpResponse<String> wrongSecret = googleToken(refresh, "guessed");

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), "Google's refresh token is not single use");
        JsonNode grant = JSON.readTree(second.body());
        assertEquals(3599, grant.path("expires_in").asInt());
        assertTrue(grant.path("refresh_token").isMissingNode(), "a refresh sends no new refresh token: " + grant);
        assertTrue(grant.path("scope").asText().contains("googlehealth.sleep.readonly"), grant.toString());
        assertEquals(401, wrongSecret.statusCode());
        assertEquals(
                "invalid_client",
                JSON.readTree(wrongSecret.body()).path("error").asText());
        HttpResponse<String> expired = get("/v4/users/me/identity", expiredAccess);
        assertEquals(401, expired.statusCode(), "the account's first access token is expired");
        assertEquals(
                "UNAUTHENTICATED",
                JSON.readTree(expired.body()).path("error").path("status").asText());
        assertEquals(
                200,
                get("/v4/users/me/identity", grant.path("access_token").asText())
                        .statusCode());
    }

    @Test
    void googleSamplesComeInShortPagesAndAreTheSamplesOfFitbitsIntradayDay() throws Exception {
        String access = googleAccess();
        String from = "2024-06-30T22:00:00Z";
        String to = "2024-07-01T22:00:00Z";
        String query = "filter="
                + encode("heart_rate.sample_time.physical_time >= \"" + from
                        + "\" AND heart_rate.sample_time.physical_time < \"" + to + "\"")
                + "&pageSize=10000";

        int points = 0;
        int pages = 0;
        String token = null;
        String newest = null;
        do {
            HttpResponse<String> page = get(
                    "/v4/users/me/dataTypes/heart-rate/dataPoints:reconcile?" + query
                            + (token == null ? "" : "&pageToken=" + encode(token)),
                    access);
            assertEquals(200, page.statusCode(), page.body());
            JsonNode body = JSON.readTree(page.body());
            assertTrue(body.path("dataPoints").size() < 10000, "shorter than asked for, as Google's pages can be");
            if (newest == null) {
                newest = body.path("dataPoints")
                        .path(0)
                        .path("heartRate")
                        .path("sampleTime")
                        .path("physicalTime")
                        .asText();
            }
            points += body.path("dataPoints").size();
            pages++;
            token = body.path("nextPageToken").asText(null);
        } while (token != null);

        int fitbit = JSON.readTree(get("/1/user/-/activities/heart/date/2024-07-01/1d/1sec.json", access)
                        .body())
                .path("activities-heart-intraday")
                .path("dataset")
                .size();
        assertTrue(pages > 2, pages + " pages");
        assertEquals(fitbit, points, "the same samples as Fitbit's intraday day");
        assertTrue(newest.compareTo("2024-07-01T21:59:00Z") > 0, "newest first: " + newest);
    }

    @Test
    void googleRefusesAWrongFilterFieldAndOverlongRollUps() throws Exception {
        String access = googleAccess();
        String wrongField = "filter="
                + encode("sleep.interval.start_time >= \"2024-07-01\" AND sleep.interval.start_time < \"2024-07-02\"");
        String rollUp =
                "{\"range\":{\"startTime\":\"2024-06-01T00:00:00Z\",\"endTime\":\"2024-06-16T00:00:00Z\"},\"windowSize\":\"60s\"}";

        HttpResponse<String> filter = get("/v4/users/me/dataTypes/sleep/dataPoints?" + wrongField, access);
        HttpResponse<String> tooLong = post("/v4/users/me/dataTypes/heart-rate/dataPoints:rollUp", rollUp, access);
        HttpResponse<String> fortnight =
                post("/v4/users/me/dataTypes/heart-rate/dataPoints:rollUp", rollUp.replace("06-16", "06-15"), access);

        assertEquals(400, filter.statusCode());
        assertEquals(
                "INVALID_ARGUMENT",
                JSON.readTree(filter.body()).path("error").path("status").asText());
        assertTrue(filter.body().contains("sleep.interval.civil_end_time"), filter.body());
        assertEquals(400, tooLong.statusCode(), "a roll-up spans at most 14 days");
        assertEquals(200, fortnight.statusCode(), fortnight.body());
    }

    @Test
    void googleZoneTimeIsFitbitsZoneMinutes() throws Exception {
        String access = googleAccess();
        String request = "{\"range\":{\"start\":{\"date\":{\"year\":2024,\"month\":7,\"day\":1}},"
                + "\"end\":{\"date\":{\"year\":2024,\"month\":7,\"day\":8}}},\"windowSizeDays\":1}";

        JsonNode google = JSON.readTree(
                post("/v4/users/me/dataTypes/time-in-heart-rate-zone/dataPoints:dailyRollUp", request, access)
                        .body());
        JsonNode fitbit = JSON.readTree(get("/1/user/-/activities/heart/date/2024-07-01/2024-07-07.json", access)
                .body());

        JsonNode points = google.path("rollupDataPoints");
        assertEquals(7, points.size());
        for (JsonNode day : fitbit.path("activities-heart")) {
            int d = Integer.parseInt(day.path("dateTime").asText().substring(8));
            JsonNode point = points.path(7 - d);
            assertEquals(
                    d, point.path("civilStartTime").path("date").path("day").asInt(), "newest first");
            String[] zones = {"LIGHT", "MODERATE", "VIGOROUS"};
            for (int z = 0; z < 3; z++) {
                int minutes = day.path("value")
                        .path("heartRateZones")
                        .path(z + 1)
                        .path("minutes")
                        .asInt();
                long seconds = 0;
                for (JsonNode zone : point.path("timeInHeartRateZone").path("timeInHeartRateZones")) {
                    if (zone.path("heartRateZone").asText().equals(zones[z])) {
                        seconds = Long.parseLong(zone.path("duration").asText().replace("s", ""));
                    }
                }
                assertEquals(minutes * 60L, seconds, day.path("dateTime").asText() + " " + zones[z]);
            }
        }
    }

    private String googleAccess() throws Exception {
        return JSON.readTree(googleToken(
                                server.expiredTokens("google").refreshToken().orElseThrow(), DemoServer.CLIENT_SECRET)
                        .body())
                .path("access_token")
                .asText();
    }

    private HttpResponse<String> googleToken(String refreshToken, String secret)
            throws IOException, InterruptedException {
        String form = "grant_type=refresh_token&refresh_token=" + refreshToken + "&client_id=" + DemoServer.CLIENT_ID
                + "&client_secret=" + secret;
        return http.send(
                HttpRequest.newBuilder(server.endpoints().get(Endpoint.TOKEN))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String accessToken)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + path))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, String accessToken) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + path))
                        .header("Authorization", "Bearer " + accessToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String refreshToken, String clientId) throws IOException, InterruptedException {
        String form = "grant_type=refresh_token&refresh_token=" + refreshToken + "&client_id=" + clientId;
        return http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
