package dev.fbx.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.origin.Provider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a login keeps of an existing token file, and which scopes it asks for. */
class LoginFlowTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    static LoginFlow.Options options(String provider, String clientId, String secretToSave) {
        return new LoginFlow.Options(
                provider,
                Provider.of(provider).signIn(),
                URI.create("https://example.invalid/authorize"),
                new LoginFlow.Client(clientId, secretToSave, secretToSave),
                List.of(),
                null,
                Duration.ofMinutes(5),
                false);
    }

    static TokenFile fitbitFile() {
        return TokenFile.empty()
                .with(TokenFile.CLIENT_ID, "OLD")
                .with(TokenFile.CLIENT_SECRET, "OLD-SECRET")
                .with(TokenFile.ACCESS_TOKEN, "A")
                .with(TokenFile.REFRESH_TOKEN, "R")
                .with(TokenFile.USER_ID, "ABC123")
                .with(TokenFile.SCOPE, "heartrate")
                .with(TokenFile.TIMEZONE, "Europe/Berlin")
                .with("note", "kept");
    }

    @Test
    void aNewLoginOfTheSameAccountKeepsTheFileAndItsCachedZone() {
        TokenGrant grant = new TokenGrant("A2", "R2", 28800, "heartrate sleep", "ABC123", "Bearer");

        TokenFile merged = LoginFlow.merge(fitbitFile(), grant, options("fitbit", "OLD", "OLD-SECRET"), NOW);

        assertEquals(Optional.of("A2"), merged.accessToken());
        assertEquals(Optional.of("R2"), merged.refreshToken());
        assertEquals(Optional.of(NOW.plusSeconds(28800)), merged.expiresAt());
        assertEquals(Optional.of("heartrate sleep"), merged.get(TokenFile.SCOPE));
        assertEquals(Optional.of("fitbit"), merged.get(TokenFile.PROVIDER));
        assertEquals(Optional.of("OLD-SECRET"), merged.get(TokenFile.CLIENT_SECRET));
        assertEquals(Optional.of("Europe/Berlin"), merged.get(TokenFile.TIMEZONE));
        assertEquals(Optional.of("kept"), merged.get("note"));
    }

    @Test
    void anotherAccountDropsTheCachedZone() {
        TokenGrant grant = new TokenGrant("A2", "R2", 28800, "heartrate", "OTHER", "Bearer");

        TokenFile merged = LoginFlow.merge(fitbitFile(), grant, options("fitbit", "OLD", null), NOW);

        assertEquals(Optional.of("OTHER"), merged.get(TokenFile.USER_ID));
        assertEquals(Optional.empty(), merged.get(TokenFile.TIMEZONE));
        assertEquals(
                Optional.empty(),
                merged.get(TokenFile.CLIENT_SECRET),
                "a secret is saved only when it belongs to this client");
    }

    @Test
    void switchingToGoogleLeavesNothingOfTheFitbitSessionBehind() {
        TokenGrant grant = new TokenGrant(
                "ya29.A", null, 3599, "https://www.googleapis.com/auth/googlehealth.sleep.readonly", null, "Bearer");

        TokenFile merged = LoginFlow.merge(fitbitFile(), grant, options("google", "GCLIENT", "GSECRET"), NOW);

        assertEquals(Optional.of("google"), merged.get(TokenFile.PROVIDER));
        assertEquals(Optional.of("GCLIENT"), merged.get(TokenFile.CLIENT_ID));
        assertEquals(Optional.of("GSECRET"), merged.get(TokenFile.CLIENT_SECRET));
        assertEquals(Optional.empty(), merged.refreshToken(), "the Fitbit refresh token is not Google's");
        assertEquals(Optional.empty(), merged.get(TokenFile.USER_ID));
        assertEquals(Optional.empty(), merged.get(TokenFile.TIMEZONE));
        assertEquals(Optional.of("kept"), merged.get("note"));
    }

    @Test
    void scopesDefaultPerProviderAndGoogleOnesMayBeShort() {
        assertEquals(
                List.of(
                        "heartrate",
                        "oxygen_saturation",
                        "respiratory_rate",
                        "temperature",
                        "sleep",
                        "profile",
                        "settings"),
                LoginFlow.scopes(List.of(), Provider.FITBIT.signIn()));
        assertEquals(
                List.of(
                        "https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly",
                        "https://www.googleapis.com/auth/googlehealth.sleep.readonly",
                        "https://www.googleapis.com/auth/googlehealth.settings.readonly",
                        "https://www.googleapis.com/auth/googlehealth.profile.readonly"),
                LoginFlow.scopes(null, Provider.GOOGLE.signIn()));
        assertEquals(
                List.of("heartrate", "sleep", "profile"),
                LoginFlow.scopes(List.of("heartrate sleep", "profile"), Provider.FITBIT.signIn()));
        assertEquals(
                List.of("https://www.googleapis.com/auth/googlehealth.sleep.readonly", "https://example.com/x"),
                LoginFlow.scopes(List.of("sleep.readonly", "https://example.com/x"), Provider.GOOGLE.signIn()));
    }

    @Test
    void theAuthorizeUrlCarriesTheChallengeNotTheVerifier() {
        Pkce pkce = Pkce.generate();
        URI url = LoginFlow.authorizeUrl(
                options("fitbit", "CLIENT", null),
                List.of("heartrate", "sleep"),
                "http://localhost:8000",
                "STATE",
                pkce);

        assertEquals(
                "https://example.invalid/authorize?client_id=CLIENT&response_type=code&scope=heartrate%20sleep"
                        + "&redirect_uri=http%3A%2F%2Flocalhost%3A8000&state=STATE&code_challenge=" + pkce.challenge()
                        + "&code_challenge_method=S256",
                url.toString());
        assertFalse(url.toString().contains(pkce.verifier()));
        assertTrue(LoginFlow.authorizeUrl(options("google", "G", "S"), List.of("x"), "http://127.0.0.1:5", "S", pkce)
                .toString()
                .endsWith("&access_type=offline&prompt=consent"));
    }
}
