package dev.fbx.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fbx.api.GoogleDialect;
import dev.fbx.api.GoogleHealthApi;
import dev.fbx.api.Transport;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenGrant;
import dev.fbx.auth.TokenProvider;
import dev.fbx.auth.TokenStore;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import dev.fbx.support.Fixtures;
import dev.fbx.support.TokenFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sleep-time physiology on google through {@link GoogleSource} itself, exactly: the API's
 * answers come from fixtures in the documented shapes, and the requests it was asked for are
 * recorded (the commands' end-to-end test is in GoogleProviderTest).
 */
class GoogleSourceTest {
    private static final LocalDate JULY_1 = LocalDate.of(2026, 7, 1);
    private static final DateRange TWO_DAYS = new DateRange(JULY_1, JULY_1.plusDays(1));

    @TempDir
    Path dir;

    private final List<String> requests = new ArrayList<>();
    private Map<String, String> answers;
    private GoogleSource source;

    @BeforeEach
    void source() {
        Path file = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"provider\":\"google\",\"access_token\":\"A\",\"refresh_token\":\"R\"," + "\"expires_at\":\""
                        + Instant.now().plusSeconds(3000) + "\",\"timezone\":\"Europe/Berlin\"}");
        TokenStore store = new TokenStore(file);
        TokenFile tokens = store.read().orElseThrow();
        Transport transport = new Transport(
                new GoogleDialect(),
                new Transport.Retry(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                Clock.systemUTC());
        source = new GoogleSource(
                new FakeApi(), transport, new TokenProvider(store, tokens, new NoRefresh(), Clock.systemUTC()), null);
    }

    @Test
    void spo2TakesTheAverageAndTheConfidenceIntervalsBounds() {
        answers = Map.of("daily-oxygen-saturation", Fixtures.load("google/spo2.json"));
        List<Spo2Day> days = new ArrayList<>();

        source.streams().read(Dataset.SPO2, TWO_DAYS, days::add);

        assertEquals(
                List.of(new Spo2Day(JULY_1, 96.1, 94.5, 99.0), new Spo2Day(JULY_1.plusDays(1), 95.7, 94.0, 98.6)),
                days);
        assertEquals(
                List.of(
                        "daily-oxygen-saturation|daily_oxygen_saturation.date >= \"2026-07-01\" AND daily_oxygen_saturation.date < \"2026-07-03\"|10000|null"),
                requests);
    }

    @Test
    void breathingRateIsTheNightsBreathsPerMinute() {
        answers = Map.of("daily-respiratory-rate", Fixtures.load("google/respiratory-rate.json"));
        List<BreathingRateDay> days = new ArrayList<>();

        source.streams().read(Dataset.BR, TWO_DAYS, days::add);

        assertEquals(List.of(new BreathingRateDay(JULY_1, 14.8), new BreathingRateDay(JULY_1.plusDays(1), 15.5)), days);
        assertEquals(
                List.of(
                        "daily-respiratory-rate|daily_respiratory_rate.date >= \"2026-07-01\" AND daily_respiratory_rate.date < \"2026-07-03\"|10000|null"),
                requests);
    }

    @Test
    void skinTemperatureIsTheNightlyValueMinusTheBaselineAndNoRowWithoutABaseline() {
        answers = Map.of("daily-sleep-temperature-derivations", Fixtures.load("google/sleep-temperature.json"));
        List<SkinTemperatureDay> days = new ArrayList<>();

        source.streams().read(Dataset.TEMP, new DateRange(JULY_1, JULY_1.plusDays(2)), days::add);

        assertEquals(
                List.of(new SkinTemperatureDay(JULY_1, -0.3), new SkinTemperatureDay(JULY_1.plusDays(1), 0.2)), days);
    }

    @Test
    void sleepsArePagedByTwentyFiveAndWrittenOldestFirstWithTheirStages() {
        answers = Map.of(
                "sleep",
                Fixtures.load("google/sleep-page1.json"),
                "sleep@sleep-page-2",
                Fixtures.load("google/sleep-page2.json"));
        List<Sleep> sleeps = new ArrayList<>();

        source.streams().read(Dataset.SLEEP, TWO_DAYS, sleeps::add);

        assertEquals(
                List.of(
                        new Sleep(
                                JULY_1,
                                time("2026-07-01T00:05:00+02:00"),
                                time("2026-07-01T07:35:00+02:00"),
                                true,
                                400,
                                50,
                                90,
                                220,
                                0,
                                50),
                        new Sleep(
                                JULY_1.plusDays(1),
                                time("2026-07-01T23:30:00+02:00"),
                                time("2026-07-02T07:10:00+02:00"),
                                true,
                                412,
                                48,
                                82,
                                230,
                                100,
                                48),
                        new Sleep(
                                JULY_1.plusDays(1),
                                time("2026-07-02T14:00:00+02:00"),
                                time("2026-07-02T14:40:00+02:00"),
                                false,
                                38,
                                2,
                                null,
                                null,
                                null,
                                null)),
                sleeps);
        String filter =
                "sleep.interval.civil_end_time >= \"2026-07-01\" AND sleep.interval.civil_end_time < \"2026-07-03\"";
        assertEquals(List.of("sleep|" + filter + "|25|null", "sleep|" + filter + "|25|sleep-page-2"), requests);
    }

    private static OffsetDateTime time(String text) {
        return OffsetDateTime.parse(text);
    }

    /** Answers list calls from {@link #answers} by data type (and {@code @pageToken} for later pages). */
    private final class FakeApi implements GoogleHealthApi {
        @Override
        public RestResponse<String> list(String dataType, String filter, int pageSize, String pageToken) {
            requests.add(dataType + "|" + filter + "|" + pageSize + "|" + pageToken);
            return RestResponse.ok(answers.get(pageToken == null ? dataType : dataType + "@" + pageToken));
        }

        @Override
        public RestResponse<String> reconcile(String dataType, String filter, int pageSize, String pageToken) {
            throw new AssertionError("no reconcile expected");
        }

        @Override
        public RestResponse<String> rollUp(String dataType, String request) {
            throw new AssertionError("no roll-up expected");
        }

        @Override
        public RestResponse<String> dailyRollUp(String dataType, String request) {
            throw new AssertionError("no daily roll-up expected");
        }

        @Override
        public RestResponse<String> settings() {
            throw new AssertionError("the zone is cached in the token file");
        }

        @Override
        public RestResponse<String> identity() {
            throw new AssertionError("no identity expected");
        }

        @Override
        public RestResponse<String> pairedDevices(int pageSize) {
            throw new AssertionError("no devices expected");
        }
    }

    private static final class NoRefresh implements TokenEndpoint {
        @Override
        public TokenGrant refresh(TokenFile tokens) {
            throw new AssertionError("the access token is valid");
        }

        @Override
        public TokenGrant exchange(String code, String codeVerifier, String redirectUri) {
            throw new AssertionError();
        }

        @Override
        public void revoke(String token) {
            throw new AssertionError();
        }
    }
}
