package dev.fbx.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The demo account's API keeps Fitbit's token rules, so a demo run really exercises fbx's refresh. */
class DemoServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DemoServer server = DemoServer.start(Clock.fixed(Instant.parse("2024-07-03T10:00:00Z"), ZoneOffset.UTC));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void startsWithAnExpiredAccessTokenThatTheApiRejects() throws Exception {
        assertTrue(server.expiredTokens().expiresAt().orElseThrow().isBefore(Instant.parse("2024-07-03T10:00:00Z")));

        HttpResponse<String> response = get("/1/user/-/profile.json", server.expiredTokens().accessToken().orElseThrow());

        assertEquals(401, response.statusCode());
        assertEquals("expired_token", JSON.readTree(response.body()).path("errors").path(0).path("errorType").asText());
    }

    @Test
    void aRefreshGivesAWorkingTokenAndSpendsTheRefreshToken() throws Exception {
        String refresh = server.expiredTokens().refreshToken().orElseThrow();

        HttpResponse<String> granted = token(refresh, DemoServer.CLIENT_ID);
        HttpResponse<String> replayed = token(refresh, DemoServer.CLIENT_ID);

        assertEquals(200, granted.statusCode());
        JsonNode grant = JSON.readTree(granted.body());
        assertEquals(28800, grant.path("expires_in").asInt());
        assertEquals(200, get("/1/user/-/profile.json", grant.path("access_token").asText()).statusCode());
        assertEquals(400, replayed.statusCode(), "a refresh token is single use, as on Fitbit");
        assertEquals("invalid_grant", JSON.readTree(replayed.body()).path("errors").path(0).path("errorType").asText());
        assertEquals(1, server.refreshes());
    }

    @Test
    void anUnknownClientIsRefused() throws Exception {
        HttpResponse<String> response = token(server.expiredTokens().refreshToken().orElseThrow(), "someone-else");

        assertEquals(401, response.statusCode());
        assertEquals(0, server.refreshes());
    }

    @Test
    void rangesAreLimitedAsOnFitbit() throws Exception {
        String access = JSON.readTree(token(server.expiredTokens().refreshToken().orElseThrow(), DemoServer.CLIENT_ID).body())
                .path("access_token").asText();

        assertEquals(200, get("/1.2/user/-/sleep/date/2024-01-01/2024-04-09.json", access).statusCode());
        assertEquals(400, get("/1.2/user/-/sleep/date/2024-01-01/2024-04-10.json", access).statusCode());
        assertEquals(200, get("/1/user/-/spo2/date/2024-06-01/2024-06-30.json", access).statusCode());
        assertEquals(400, get("/1/user/-/spo2/date/2024-06-01/2024-07-01.json", access).statusCode());
        assertEquals(400, get("/1/user/-/hrv/date/2024-06-02/2024-06-01.json", access).statusCode());
        assertEquals(400, get("/1/user/-/spo2/date/2024-02-30/2024-03-01.json", access).statusCode());
        assertEquals(400, get("/1/user/-/activities/heart/date/2024-02-30/1d/1min.json", access).statusCode());
        assertEquals(404, get("/1/user/-/activities/steps/date/2024-06-01/2024-06-02.json", access).statusCode());
        assertTrue(JSON.readTree(get("/1/user/-/spo2/date/2024-06-01/2024-06-30.json", access).body()).isArray(), "SpO2 is a bare list");
    }

    private HttpResponse<String> get(String path, String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).header("Authorization", "Bearer " + accessToken).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String refreshToken, String clientId) throws IOException, InterruptedException {
        String form = "grant_type=refresh_token&refresh_token=" + refreshToken + "&client_id=" + clientId;
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
