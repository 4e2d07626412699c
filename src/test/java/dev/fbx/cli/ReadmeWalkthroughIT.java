package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FbxProcess;
import dev.fbx.support.TokenFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Google: from nothing to your first data", as a newcomer types it, against the
 * packaged fbx and the fake's URLs: sign in (no --provider: a new token file means Google), a week
 * of HRV, and 'fbx doctor' all green.
 */
class ReadmeWalkthroughIT {
    private static final String SCOPE = "https://www.googleapis.com/auth/googlehealth.";

    final WireMockServer api = ApiFake.server();

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void googleFake() {
        api.resetAll();
        String base = api.baseUrl();
        env = Map.of(
                "FBX_GOOGLE_API_URL",
                base,
                "FBX_GOOGLE_TOKEN_URL",
                base + "/google/token",
                "FBX_GOOGLE_AUTHORIZE_URL",
                base + "/google/authorize",
                "FBX_GOOGLE_REVOKE_URL",
                base + "/google/revoke");
        api.stubFor(
                get(urlPathEqualTo("/google/authorize")).willReturn(aResponse().withBody("<p>Allow fbx?</p>")));
        // A published app: no refresh_token_expires_in. Both the code exchange and doctor's one refresh are answered.
        api.stubFor(post(urlPathEqualTo("/google/token"))
                .willReturn(okJson("{\"access_token\":\"ya29.WALK-ACCESS\",\"expires_in\":3599,"
                        + "\"refresh_token\":\"1//WALK-REFRESH\",\"token_type\":\"Bearer\",\"scope\":\"" + SCOPE
                        + "health_metrics_and_measurements.readonly "
                        + SCOPE + "sleep.readonly " + SCOPE + "settings.readonly " + SCOPE + "profile.readonly\"}")));
        api.stubFor(get(urlPathEqualTo("/v4/users/me/settings"))
                .willReturn(okJson("{\"timeZone\":\"UTC\",\"utcOffset\":\"0s\"}")));
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        api.stubFor(get(urlPathEqualTo("/v4/users/me/dataTypes/daily-heart-rate-variability/dataPoints"))
                .willReturn(okJson("{\"dataPoints\":[{\"dailyHeartRateVariability\":{\"date\":{\"year\":"
                        + yesterday.getYear() + ",\"month\":"
                        + yesterday.getMonthValue() + ",\"day\":" + yesterday.getDayOfMonth() + "},"
                        + "\"averageHeartRateVariabilityMilliseconds\":44.5}}]}")));
        api.stubFor(get(urlPathEqualTo("/v4/users/me/identity"))
                .willReturn(okJson("{\"healthUserId\":\"HU-WALK\"}")
                        .withHeader(
                                "Date",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                        Instant.now().atZone(ZoneOffset.UTC)))));
    }

    @AfterEach
    void everyRequestWasExpected() {
        assertEquals(
                0,
                api.findAllUnmatchedRequests().size(),
                () -> "unexpected requests: " + api.findAllUnmatchedRequests());
    }

    @Test
    void signInReadAWeekOfHrvAndDoctorIsAllGreen() throws Exception {
        Process login = FbxProcess.start(
                dir,
                env,
                "login",
                "auth",
                "login",
                "--client-id",
                "1234-abc.apps.googleusercontent.com",
                "--client-secret",
                "GOCSPX-walk",
                "--no-browser");
        URI url = signInUrl(login);
        Map<String, String> query = AuthLoginIT.query(url);
        assertEquals(200, AuthLoginIT.open(url).statusCode(), "the fake consent page");
        AuthLoginIT.open(URI.create(query.get("redirect_uri") + "/?state=" + query.get("state") + "&code=4%2F0WALK"));
        assertEquals(0, AuthLoginIT.exit(login), FbxProcess.output(dir, "login", "err"));
        assertTrue(FbxProcess.output(dir, "login", "err").contains("Signed in to google"));

        int hrv = FbxProcess.run(dir, env, "hrv", "hrv", "--days", "7");
        assertEquals(0, hrv, FbxProcess.output(dir, "hrv", "err"));
        assertEquals(
                "date,daily_rmssd,deep_rmssd,nrem_heart_rate,entropy\n"
                        + LocalDate.now(ZoneOffset.UTC).minusDays(1) + ",44.5,,,\n",
                FbxProcess.output(dir, "hrv", "out"));

        int doctor = FbxProcess.run(dir, env, "doctor", "doctor");
        String report = FbxProcess.output(dir, "doctor", "out");
        assertEquals(0, doctor, report + FbxProcess.output(dir, "doctor", "err"));
        List<String> lines = report.lines().toList();
        assertEquals(6, lines.size(), report);
        assertTrue(lines.stream().allMatch(line -> line.startsWith("✓ ")), report);
        assertFalse(report.contains("WALK-"), "no token printed");
        assertEquals(
                "google",
                TokenFiles.read(dir.resolve("fb_conf.json")).path("provider").asText());
    }

    private URI signInUrl(Process fbx) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            for (String line : FbxProcess.output(dir, "login", "err").lines().toList()) {
                if (line.trim().startsWith("http") && line.contains("/google/authorize?")) {
                    return URI.create(line.trim());
                }
            }
            if (!fbx.isAlive()) {
                throw new AssertionError("fbx ended without printing a URL: " + FbxProcess.output(dir, "login", "err"));
            }
            Thread.sleep(100);
        }
        fbx.destroyForcibly();
        throw new AssertionError("fbx printed no sign-in URL");
    }
}
