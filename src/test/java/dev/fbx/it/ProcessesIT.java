package dev.fbx.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FbxProcess;
import dev.fbx.support.Fixtures;
import dev.fbx.support.TokenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fbx as separate processes: what only real processes show (two of them sharing one
 * token file, environment variables, a config file in the working directory).
 */
class ProcessesIT {
    private static final String HR = "/1/user/-/activities/heart/date/2024-07-01/1d/1min.json";

    final WireMockServer api = ApiFake.server();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env =
                new java.util.HashMap<>(Map.of("FBX_FITBIT_API_URL", "http://127.0.0.1:" + api.port()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private void stubData(String bearer) {
        api.stubFor(get(HR).withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson(Fixtures.load("fitbit/heart-intraday-2024-07-01.json"))));
    }

    @Test
    void twoProcessesSharingOneFileSpendTheRefreshTokenOnce() throws Exception {
        Path tokens = TokenFiles.expired(dir, "Europe/Berlin");
        api.stubFor(post("/oauth2/token")
                .willReturn(okJson(Fixtures.load("fitbit/token.json")).withFixedDelay(1500)));
        stubData("Bearer NEW-ACCESS");

        Process first = FbxProcess.start(
                dir,
                env(),
                "first",
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "1min",
                "--date",
                "2024-07-01");
        Process second = FbxProcess.start(
                dir,
                env(),
                "second",
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "1min",
                "--date",
                "2024-07-01");
        assertTrue(first.waitFor(2, TimeUnit.MINUTES) && second.waitFor(2, TimeUnit.MINUTES));

        assertEquals(0, first.exitValue(), FbxProcess.output(dir, "first", "err"));
        assertEquals(0, second.exitValue(), FbxProcess.output(dir, "second", "err"));
        assertEquals(FbxProcess.output(dir, "first", "out"), FbxProcess.output(dir, "second", "out"));
        api.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
        assertEquals(
                "NEW-REFRESH", TokenFiles.read(tokens).path("refresh_token").asText());
    }

    @Test
    void tokensFromTheEnvironmentSeedATokenFileThatDoesNotExistYet() throws Exception {
        Path tokens = dir.resolve("data").resolve("fb_conf.json");
        api.stubFor(get("/1/user/-/profile.json").willReturn(okJson(Fixtures.load("fitbit/profile.json"))));
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));
        api.stubFor(
                get(HR).withHeader("Authorization", equalTo("Bearer SEEDED"))
                        .willReturn(
                                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"expired_token\",\"message\":\"Access token expired\"}]}")));
        stubData("Bearer NEW-ACCESS");

        int exit = FbxProcess.run(
                dir,
                env(
                        "FBX_TOKEN_FILE",
                        tokens.toString(),
                        "FBX_CLIENT_ID",
                        "ENVCLIENT",
                        "FBX_ACCESS_TOKEN",
                        "SEEDED",
                        "FBX_REFRESH_TOKEN",
                        "SEEDED-REFRESH"),
                "seed",
                "hr",
                "--detail",
                "1min",
                "--date",
                "2024-07-01");

        assertEquals(0, exit, FbxProcess.output(dir, "seed", "err"));
        JsonNode saved = TokenFiles.read(tokens);
        assertEquals("NEW-REFRESH", saved.path("refresh_token").asText());
        assertEquals("ENVCLIENT", saved.path("client_id").asText());
        assertEquals("rw-------", TokenFiles.mode(tokens));
        api.verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withRequestBody(containing("refresh_token=SEEDED-REFRESH")));
        assertTrue(!FbxProcess.output(dir, "seed", "err").contains("SEEDED"), "tokens never reach stderr");
    }

    @Test
    void optionBeatsEnvironmentBeatsConfigFileBeatsTokenFile() throws Exception {
        Path tokens = TokenFiles.expired(dir, "Europe/Berlin");
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(
                dir.resolve("config/application.properties"),
                "fbx.fitbit.api-url=http://127.0.0.1:" + api.port()
                        + "\nfbx.client-id=FILECLIENT\nfbx.token-file=/nonexistent/fb_conf.json\n");
        api.stubFor(post("/oauth2/token").willReturn(okJson(Fixtures.load("fitbit/token.json"))));
        stubData("Bearer NEW-ACCESS");

        // The config file's URL and client id apply; its token file loses to the option.
        int fromFile = FbxProcess.run(
                dir,
                Map.of(),
                "file",
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "1min",
                "--date",
                "2024-07-01");
        assertEquals(0, fromFile, FbxProcess.output(dir, "file", "err"));
        api.verify(postRequestedFor(urlEqualTo("/oauth2/token")).withRequestBody(containing("client_id=FILECLIENT")));

        // The environment beats the config file.
        TokenFiles.expired(dir, "Europe/Berlin");
        api.resetRequests();
        int fromEnv = FbxProcess.run(
                dir,
                Map.of("FBX_CLIENT_ID", "ENVCLIENT"),
                "env",
                "--token-file",
                tokens.toString(),
                "hr",
                "--detail",
                "1min",
                "--date",
                "2024-07-01");
        assertEquals(0, fromEnv, FbxProcess.output(dir, "env", "err"));
        api.verify(postRequestedFor(urlEqualTo("/oauth2/token")).withRequestBody(containing("client_id=ENVCLIENT")));

        // The config file's token file applies when no option names one.
        int noFile = FbxProcess.run(dir, Map.of(), "nofile", "hr", "--date", "2024-07-01");
        assertEquals(78, noFile);
        assertTrue(FbxProcess.output(dir, "nofile", "err").contains("/nonexistent/fb_conf.json"));
    }
}
