package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fbx.auth.Pkce;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FbxProcess;
import dev.fbx.support.TokenFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole login as a user does it, against the packaged fbx: fbx prints the sign-in URL, the
 * test plays the browser (opens the URL at the fake provider, then comes back to fbx's redirect
 * URL with the state and a code), and fbx exchanges the code and writes the token file.
 */
class AuthLoginIT {
    static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final WireMockServer api = ApiFake.server();

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void fakeProviders() {
        api.resetAll();
        String base = api.baseUrl();
        env = Map.of(
                "FBX_FITBIT_API_URL", base,
                "FBX_FITBIT_AUTHORIZE_URL", base + "/fitbit/authorize",
                "FBX_GOOGLE_API_URL", base,
                "FBX_GOOGLE_TOKEN_URL", base + "/google/token",
                "FBX_GOOGLE_AUTHORIZE_URL", base + "/google/authorize",
                "FBX_GOOGLE_REVOKE_URL", base + "/google/revoke");
        api.stubFor(
                get(urlPathEqualTo("/fitbit/authorize")).willReturn(aResponse().withBody("<p>Allow fbx?</p>")));
        api.stubFor(
                get(urlPathEqualTo("/google/authorize")).willReturn(aResponse().withBody("<p>Allow fbx?</p>")));
    }

    @AfterEach
    void everyRequestWasExpected() {
        assertEquals(
                0,
                api.findAllUnmatchedRequests().size(),
                () -> "unexpected requests: " + api.findAllUnmatchedRequests());
    }

    @Test
    void fitbitLoginWritesTheTokenFileOwnerOnlyKeepingItsOtherFields() throws Exception {
        Path tokens = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\":\"OLD\",\"note\":\"kept\",\"timezone\":\"Europe/Berlin\"}");
        api.stubFor(
                post("/oauth2/token")
                        .willReturn(
                                okJson(
                                        "{\"access_token\":\"NEW-ACCESS\",\"expires_in\":28800,\"refresh_token\":\"NEW-REFRESH\",\"scope\":\"heartrate sleep profile"
                                                + " oxygen_saturation respiratory_rate temperature settings\",\"token_type\":\"Bearer\",\"user_id\":\"ABC123\"}")));
        int port = freePort();

        Process fbx = FbxProcess.start(
                dir,
                env,
                "login",
                "auth",
                "login",
                "--client-id",
                "CLIENT",
                "--port",
                String.valueOf(port),
                "--no-browser");
        URI url = printedUrl(fbx, "login");
        Map<String, String> query = query(url);
        assertEquals("CLIENT", query.get("client_id"));
        assertEquals("code", query.get("response_type"));
        assertEquals("http://localhost:" + port, query.get("redirect_uri"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(
                List.of(
                        "heartrate",
                        "oxygen_saturation",
                        "respiratory_rate",
                        "temperature",
                        "sleep",
                        "profile",
                        "settings"),
                List.of(query.get("scope").split(" ")));
        assertEquals(200, open(url).statusCode(), "the fake provider's consent page");

        HttpResponse<String> forged = open(URI.create(query.get("redirect_uri") + "/?code=FORGED&state=guessed"));
        assertEquals(400, forged.statusCode(), "a callback without this login's state is refused");
        HttpResponse<String> back =
                open(URI.create(query.get("redirect_uri") + "/?code=THE-CODE&state=" + query.get("state")));
        assertEquals(200, back.statusCode());
        assertTrue(back.body().contains("close this tab"), back.body());

        assertEquals(0, exit(fbx), FbxProcess.output(dir, "login", "err"));
        LoggedRequest exchange =
                api.findAll(postRequestedFor(urlEqualTo("/oauth2/token"))).get(0);
        Map<String, String> form = form(exchange.getBodyAsString());
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("THE-CODE", form.get("code"), "only the code of the real callback is exchanged");
        assertEquals("http://localhost:" + port, form.get("redirect_uri"));
        assertEquals("CLIENT", form.get("client_id"));
        assertEquals(
                query.get("code_challenge"),
                Pkce.of(form.get("code_verifier")).challenge(),
                "the verifier matches the challenge");
        assertFalse(exchange.containsHeader("Authorization"), "no secret, no Basic authentication");

        JsonNode file = TokenFiles.read(tokens);
        assertEquals("rw-------", TokenFiles.mode(tokens));
        assertEquals("fitbit", file.path("provider").asText());
        assertEquals("CLIENT", file.path("client_id").asText());
        assertFalse(file.has("client_secret"));
        assertEquals("NEW-ACCESS", file.path("access_token").asText());
        assertEquals("NEW-REFRESH", file.path("refresh_token").asText());
        assertEquals("ABC123", file.path("user_id").asText());
        assertTrue(file.path("scope").asText().contains("heartrate"));
        assertTrue(file.path("expires_at").asText().endsWith("Z"));
        assertEquals("kept", file.path("note").asText());
        assertFalse(file.has("timezone"), "the cached zone may be another account's");
        String err = FbxProcess.output(dir, "login", "err");
        assertTrue(err.contains("Signed in to fitbit as user ABC123"), err);
        assertFalse(
                err.contains("NEW-ACCESS") || err.contains("NEW-REFRESH") || err.contains(form.get("code_verifier")),
                err);
    }

    @Test
    void fitbitLoginWithASecretUsesBasicAuthenticationAndSavesTheSecret() throws Exception {
        Path tokens = dir.resolve("fb_conf.json");
        api.stubFor(
                post("/oauth2/token")
                        .willReturn(
                                okJson(
                                        "{\"access_token\":\"A\",\"expires_in\":28800,\"refresh_token\":\"R\",\"scope\":\"heartrate\",\"user_id\":\"ABC123\"}")));
        int port = freePort();

        Process fbx = FbxProcess.start(
                dir,
                env,
                "login",
                "--provider",
                "fitbit",
                "auth",
                "login",
                "--client-id",
                "CLIENT",
                "--client-secret",
                "SECRET",
                "--port",
                String.valueOf(port),
                "--no-browser");
        Map<String, String> query = query(printedUrl(fbx, "login"));
        open(URI.create(query.get("redirect_uri") + "/?code=C&state=" + query.get("state")));

        assertEquals(0, exit(fbx), FbxProcess.output(dir, "login", "err"));
        api.verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withHeader(
                        "Authorization",
                        equalTo("Basic "
                                + Base64.getEncoder()
                                        .encodeToString("CLIENT:SECRET".getBytes(StandardCharsets.UTF_8)))));
        assertEquals("SECRET", TokenFiles.read(tokens).path("client_secret").asText());
        String err = FbxProcess.output(dir, "login", "err");
        assertTrue(
                err.contains("Not granted: oxygen_saturation respiratory_rate temperature sleep profile settings"),
                err);
    }

    @Test
    void googleLoginUsesAnyLoopbackPortAndAsksForOfflineAccess() throws Exception {
        Path tokens = dir.resolve("fb_conf.json");
        api.stubFor(
                post("/google/token")
                        .willReturn(
                                okJson(
                                        "{\"access_token\":\"ya29.A\",\"expires_in\":3599,\"refresh_token\":\"1//R\","
                                                + "\"scope\":\"https://www.googleapis.com/auth/googlehealth.sleep.readonly\",\"token_type\":\"Bearer\"}")));

        Process fbx = FbxProcess.start(
                dir,
                env,
                "login",
                "--provider",
                "google",
                "auth",
                "login",
                "--client-id",
                "GCLIENT",
                "--client-secret",
                "GSECRET",
                "--scope",
                "sleep.readonly",
                "--no-browser");
        URI url = printedUrl(fbx, "login");
        Map<String, String> query = query(url);
        assertTrue(query.get("redirect_uri").matches("http://127\\.0\\.0\\.1:\\d+"), query.get("redirect_uri"));
        assertEquals("offline", query.get("access_type"));
        assertEquals("consent", query.get("prompt"));
        assertEquals("https://www.googleapis.com/auth/googlehealth.sleep.readonly", query.get("scope"));
        assertEquals(200, open(url).statusCode());
        open(URI.create(query.get("redirect_uri") + "/?state=" + query.get("state") + "&code=4%2F0G-CODE&scope=x"));

        assertEquals(0, exit(fbx), FbxProcess.output(dir, "login", "err"));
        Map<String, String> form = form(api.findAll(postRequestedFor(urlEqualTo("/google/token")))
                .get(0)
                .getBodyAsString());
        assertEquals("4/0G-CODE", form.get("code"));
        assertEquals("GCLIENT", form.get("client_id"));
        assertEquals("GSECRET", form.get("client_secret"));
        assertEquals(query.get("redirect_uri"), form.get("redirect_uri"));
        assertEquals(
                query.get("code_challenge"), Pkce.of(form.get("code_verifier")).challenge());
        JsonNode file = TokenFiles.read(tokens);
        assertEquals("rw-------", TokenFiles.mode(tokens));
        assertEquals("google", file.path("provider").asText());
        assertEquals("GSECRET", file.path("client_secret").asText());
        assertEquals("1//R", file.path("refresh_token").asText());
    }

    @Test
    void aDeniedAccessLeavesTheTokenFileAsItWas() throws Exception {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        String before = Files.readString(tokens);
        int port = freePort();

        Process fbx =
                FbxProcess.start(dir, env, "login", "auth", "login", "--port", String.valueOf(port), "--no-browser");
        Map<String, String> query = query(printedUrl(fbx, "login"));
        assertEquals("CLIENT", query.get("client_id"), "the token file's client id");
        assertEquals(
                400,
                open(URI.create(query.get("redirect_uri") + "/?error=access_denied&state=" + query.get("state")))
                        .statusCode());

        assertEquals(77, exit(fbx));
        assertTrue(FbxProcess.output(dir, "login", "err").contains("access_denied"));
        assertEquals(before, Files.readString(tokens));
    }

    @Test
    void aCodeTheProviderRefusesLeavesTheTokenFileAsItWas() throws Exception {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        String before = Files.readString(tokens);
        api.stubFor(
                post("/oauth2/token")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"invalid_grant\",\"message\":\"Authorization code invalid: USED-CODE\"}],\"success\":false}")));
        int port = freePort();

        Process fbx =
                FbxProcess.start(dir, env, "login", "auth", "login", "--port", String.valueOf(port), "--no-browser");
        Map<String, String> query = query(printedUrl(fbx, "login"));
        open(URI.create(query.get("redirect_uri") + "/?code=USED-CODE&state=" + query.get("state")));

        assertEquals(77, exit(fbx));
        assertEquals(before, Files.readString(tokens));
    }

    /** Reads stderr until fbx has printed the sign-in URL, as a user at the terminal would. */
    URI printedUrl(Process fbx, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            for (String line : errLines(name)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("http") && trimmed.contains("/authorize?")) {
                    return URI.create(trimmed);
                }
            }
            if (!fbx.isAlive()) {
                throw new AssertionError("fbx ended (" + fbx.exitValue() + ") without printing a URL: "
                        + String.join("\n", errLines(name)));
            }
            Thread.sleep(100);
        }
        fbx.destroyForcibly();
        throw new AssertionError("fbx printed no sign-in URL");
    }

    private List<String> errLines(String name) throws IOException {
        Path err = dir.resolve(name + ".err");
        return Files.exists(err) ? Files.readAllLines(err) : List.of();
    }

    static HttpResponse<String> open(URI url) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static int exit(Process fbx) throws InterruptedException {
        if (!fbx.waitFor(2, TimeUnit.MINUTES)) {
            fbx.destroyForcibly();
            throw new AssertionError("fbx auth login did not finish");
        }
        return fbx.exitValue();
    }

    static Map<String, String> query(URI url) {
        return form(url.getRawQuery());
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            values.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
