package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.Fixtures;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@WithTestResource(ApiFake.class)
class ProfileCommandTest extends FakeApiTest {

    @Test
    void printsTheAccountAndCachesItsTimeZone(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "America/New_York");
        api.stubFor(get("/1/user/-/profile.json").willReturn(okJson(Fixtures.load("fitbit/profile.json"))));
        api.stubFor(get("/1/user/-/devices.json").willReturn(okJson(Fixtures.load("fitbit/devices.json"))));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "profile");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("""
                user_id: ABC123
                display_name: Pat
                timezone: Europe/Berlin
                devices: Charge 6 (last sync 2024-07-02T07:00:00.000)""", result.getOutput());
        assertEquals("Europe/Berlin", TokenFiles.read(tokens).path("timezone").asText());
    }

    @Test
    void devicesNeedTheSettingsScopeButTheProfileDoesNot(QuarkusMainLauncher launcher) {
        Path tokens = TokenFiles.valid(dir, "Europe/Berlin");
        api.stubFor(get("/1/user/-/profile.json").willReturn(okJson(Fixtures.load("fitbit/profile.json"))));
        api.stubFor(
                get("/1/user/-/devices.json")
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errors\":[{\"errorType\":\"insufficient_scope\",\"message\":\"This application does not have permission to access settings data.\"}],\"success\":false}")));

        LaunchResult result = launcher.launch("--token-file", tokens.toString(), "profile");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(
                "devices: (not shown: the token lacks the 'settings' scope)",
                result.getOutput().lines().toList().get(3));
    }
}
