package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FbxProcess;
import dev.fbx.support.TokenFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Today" is the account's, also on a first run whose token file caches no zone yet: the packaged
 * fbx runs on a machine in Kiritimati (UTC+14) for an account in Pago Pago (UTC-11), whose dates
 * differ at every hour of the day, so the test holds whenever it runs.
 */
class AccountTodayIT {
    private static final ZoneId ACCOUNT = ZoneId.of("Pacific/Pago_Pago");
    private static final String MACHINE = "Pacific/Kiritimati";

    final WireMockServer api = ApiFake.server();

    @TempDir
    Path dir;

    Path tokens;
    Map<String, String> env;

    @BeforeEach
    void googleAccountWithoutACachedZone() {
        api.resetAll();
        env = Map.of("TZ", MACHINE, "FBX_GOOGLE_API_URL", api.baseUrl());
        tokens = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"client_id\":\"ID.apps.googleusercontent.com\","
                        + "\"client_secret\":\"GOCSPX-secret\",\"access_token\":\"ACCESS\",\"refresh_token\":\"REFRESH\",\"expires_at\":\""
                        + Instant.now().plusSeconds(3000) + "\"}");
        api.stubFor(get(urlPathEqualTo("/v4/users/me/settings"))
                .willReturn(okJson("{\"timeZone\":\"" + ACCOUNT + "\",\"utcOffset\":\"-39600s\"}")));
        api.stubFor(get(urlPathMatching("/v4/users/me/dataTypes/.*")).willReturn(okJson("{\"dataPoints\":[]}")));
    }

    @Test
    void theFirstRunAsksForTheZoneAndAsksForTheAccountsToday() throws Exception {
        LocalDate before = LocalDate.now(ACCOUNT);
        int exit = FbxProcess.run(dir, env, "hrv", "--token-file", tokens.toString(), "hrv");
        LocalDate after = LocalDate.now(ACCOUNT);

        assertEquals(0, exit, FbxProcess.output(dir, "hrv", "err"));
        assertTrue(!before.equals(LocalDate.now(ZoneId.of(MACHINE))), "the machine's date is not the account's");
        String filter = api.findAll(getRequestedFor(
                        urlPathEqualTo("/v4/users/me/dataTypes/daily-heart-rate-variability/dataPoints")))
                .get(0)
                .queryParameter("filter")
                .firstValue();
        assertTrue(
                List.of(before, after).stream()
                        .anyMatch(today -> filter.equals("daily_heart_rate_variability.date >= \"" + today
                                + "\" AND daily_heart_rate_variability.date < \"" + today.plusDays(1) + "\"")),
                filter);
        assertEquals(
                ACCOUNT.getId(),
                TokenFiles.read(tokens).path("timezone").asText(),
                "the zone is cached for the next run");
    }

    @Test
    void aFirstSyncCountsTheZoneInItsPlanAndRecordsIt() throws Exception {
        Path out = dir.resolve("out");

        int exit = FbxProcess.run(
                dir,
                env,
                "sync",
                "--token-file",
                tokens.toString(),
                "sync",
                "--out",
                out.toString(),
                "--since",
                "today",
                "--types",
                "hrv");

        String err = FbxProcess.output(dir, "sync", "err");
        assertEquals(0, exit, err);
        assertTrue(err.contains("2 requests for 1 days (account 1, hrv-day 1)"), err);
        assertEquals(2, api.findAll(getRequestedFor(anyUrl())).size(), "the plan is the requests made");
        assertTrue(java.nio.file.Files.readString(out.resolve(".fbx-sync.json"))
                .contains("\"zone\" : \"" + ACCOUNT + "\""));
    }
}
