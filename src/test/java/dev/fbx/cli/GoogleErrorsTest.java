package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The Google Health API's refusals that stop people after they migrated, each ending fbx with one
 * line that names the cause and the fix (exit 77), never "please report it".
 */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class GoogleErrorsTest extends FakeApiTest {
    /** The nightly HRV list answers with a google.rpc.Status, with an ErrorInfo reason when {@code reason} is not null. */
    private LaunchResult hrvRefused(
            QuarkusMainLauncher launcher, int code, String status, String reason, String message) {
        Path file = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"ID.apps.googleusercontent.com\","
                        + "\"client_secret\":\"GOCSPX-S\",\"access_token\":\"ya29.A\",\"refresh_token\":\"1//R\",\"expires_at\":\""
                        + Instant.now().plusSeconds(3000) + "\",\"timezone\":\"UTC\"}");
        String details = reason == null
                ? ""
                : ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"" + reason
                        + "\",\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"health.googleapis.com\"}}]";
        api.stubFor(get(urlPathEqualTo("/v4/users/me/dataTypes/daily-heart-rate-variability/dataPoints"))
                .willReturn(aResponse()
                        .withStatus(code)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\""
                                + status + "\"" + details + "}}")));
        LaunchResult result = launcher.launch("--token-file", file.toString(), "hrv", "--date", "2026-11-20");
        assertEquals(77, result.exitCode(), result.getErrorOutput());
        assertEquals(1, result.getErrorOutput().lines().count(), result.getErrorOutput());
        assertFalse(result.getErrorOutput().contains("report it"), result.getErrorOutput());
        return result;
    }

    @Test
    void aDisabledApiSaysToEnableItAndWhatToDoIfGoogleRefuses(QuarkusMainLauncher launcher) {
        String err = hrvRefused(
                        launcher,
                        403,
                        "PERMISSION_DENIED",
                        "SERVICE_DISABLED",
                        "Google Health API has not been used in project 123 before or it is disabled.")
                .getErrorOutput();

        assertTrue(err.contains("not enabled in your Google Cloud project"), err);
        assertTrue(err.contains("APIs & Services > Library > Google Health API"), err);
        assertTrue(
                err.contains("not been onboarding new projects")
                        && err.contains("Google Takeout")
                        && err.contains("--archive"),
                err);
    }

    @Test
    void anAccountNotMigratedSaysToMigrateIt(QuarkusMainLauncher launcher) {
        String err = hrvRefused(
                        launcher,
                        400,
                        "FAILED_PRECONDITION",
                        "ACCOUNT_NOT_LINKED",
                        "The user has no linked Fitbit account.")
                .getErrorOutput();

        assertTrue(err.contains("no Fitbit data linked"), err);
        assertTrue(err.contains("migrate your Fitbit account to this Google account in the Fitbit app"), err);
    }

    @Test
    void permissionDeniedWithoutAReasonSaysToRemoveAndGrantAccessAgain(QuarkusMainLauncher launcher) {
        String err = hrvRefused(launcher, 403, "PERMISSION_DENIED", null, "The caller does not have permission")
                .getErrorOutput();

        assertTrue(err.contains("remove fbx's access to your Google account"), err);
        assertTrue(err.contains("then run 'fbx auth login' to grant it again"), err);
    }

    @Test
    void aMissingScopeSaysToSignInAgainAllowingIt(QuarkusMainLauncher launcher) {
        String err = hrvRefused(
                        launcher,
                        403,
                        "PERMISSION_DENIED",
                        "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                        "Request had insufficient authentication scopes.")
                .getErrorOutput();

        assertTrue(err.contains("Google Health refused nightly HRV") || err.contains("Google Health refused HRV"), err);
        assertTrue(err.contains("lacks the scope"), err);
        assertTrue(err.contains("Run 'fbx auth login' and allow every box"), err);
    }
}
