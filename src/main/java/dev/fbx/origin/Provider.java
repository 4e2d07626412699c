package dev.fbx.origin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.api.ApiError;
import dev.fbx.api.Endpoint;
import dev.fbx.api.FitbitApi;
import dev.fbx.api.FitbitDialect;
import dev.fbx.api.FitbitOAuth;
import dev.fbx.api.GoogleDialect;
import dev.fbx.api.GoogleHealthApi;
import dev.fbx.api.GoogleIdentityApi;
import dev.fbx.api.GoogleOAuth;
import dev.fbx.api.Json;
import dev.fbx.api.RestClients;
import dev.fbx.api.Transport;
import dev.fbx.api.UnauthorizedException;
import dev.fbx.auth.BearerFilter;
import dev.fbx.auth.FitbitTokenEndpoint;
import dev.fbx.auth.GoogleTokenEndpoint;
import dev.fbx.auth.LoginFlow;
import dev.fbx.auth.TokenCheck;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.auth.TokenProvider;
import dev.fbx.config.Settings;
import dev.fbx.source.FitbitSource;
import dev.fbx.source.GoogleSource;
import dev.fbx.source.Source;
import dev.fbx.sync.Rate;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The APIs fbx signs in to, and everything that differs between them, in one place: their URLs with
 * the configuration keys that move them and their defaults, the scopes each command needs, the
 * sign-in parameters, the request rate, how answers and rate limits read, the token endpoint, how a
 * token is checked, and the source that turns the API into records. {@code --provider} takes these
 * values; everything else asks the provider instead of comparing names.
 */
public enum Provider {
    GOOGLE(
            "Google Health API",
            new Rate(300, Duration.ofMinutes(1), "300/min"),
            urls(
                    "fbx.google",
                    Map.of(
                            Endpoint.API,
                            "https://health.googleapis.com",
                            Endpoint.AUTHORIZE,
                            "https://accounts.google.com/o/oauth2/v2/auth",
                            Endpoint.TOKEN,
                            "https://oauth2.googleapis.com/token",
                            Endpoint.REVOKE,
                            "https://oauth2.googleapis.com/revoke")),
            Scopes.GOOGLE_BY_COMMAND,
            new LoginFlow.SignIn(
                    "Google",
                    "Google Cloud Desktop OAuth client",
                    true,
                    "http://127.0.0.1:",
                    0,
                    Scopes.GOOGLE,
                    Scopes.GOOGLE_PREFIX,
                    // A refresh token only comes with offline access, and on a repeated sign-in only with a fresh
                    // consent.
                    Map.of("access_type", "offline", "prompt", "consent"))) {
        @Override
        Transport transport(Settings settings, Clock clock) {
            Transport transport = new Transport(new GoogleDialect(), settings.retry(), clock);
            // Google's quota is per user and minute, and no answer says how much is left: paced ahead,
            // a run stays inside it (docs/apis.md).
            transport.pace(rate().requests(), rate().window());
            // Should a 429 come anyway (the user's other apps share the quota), it announces no reset:
            // wait it out for a little over a minute in all (doubling, with jitter) before giving up with exit 75.
            transport.rateLimitPolicy(Transport.waitUpTo(
                    GOOGLE_RATE_LIMIT_WAITS, settings.retry().initialDelay().multipliedBy(2), clock));
            return transport;
        }

        @Override
        TokenEndpoint tokenEndpoint(
                Settings settings, String clientId, String clientSecret, Transport transport, RestClients clients) {
            return new GoogleTokenEndpoint(
                    clients.build(url(settings, Endpoint.TOKEN), GoogleOAuth.class, null),
                    clients.build(url(settings, Endpoint.REVOKE), GoogleOAuth.class, null),
                    transport,
                    clientId,
                    clientSecret);
        }

        @Override
        Source source(Settings settings, RestClients clients, Transport transport, TokenProvider tokens, ZoneId zone) {
            return new GoogleSource(
                    clients.build(url(settings, Endpoint.API), GoogleHealthApi.class, new BearerFilter(tokens)),
                    transport,
                    tokens,
                    zone);
        }

        /** The user's identity: the cheapest authenticated call. */
        @Override
        TokenCheck tokenCheck(Settings settings, RestClients clients, Transport transport) {
            GoogleIdentityApi api = clients.build(url(settings, Endpoint.API), GoogleIdentityApi.class, null);
            return token -> {
                JsonNode identity = Json.parse(
                        transport.execute("the account's identity", () -> api.identity("Bearer " + token)), "identity");
                return Optional.ofNullable(identity.path("healthUserId").asText(null));
            };
        }
    },

    FITBIT(
            "Fitbit Web API",
            new Rate(150, Duration.ofHours(1), "150/h"),
            urls(
                    "fbx.fitbit",
                    Map.of(
                            Endpoint.API,
                            "https://api.fitbit.com",
                            Endpoint.AUTHORIZE,
                            "https://www.fitbit.com/oauth2/authorize")),
            Scopes.FITBIT_BY_COMMAND,
            // Fitbit wants the registered redirect URL exactly: the seed's users registered localhost:8000.
            new LoginFlow.SignIn(
                    "Fitbit",
                    "app at dev.fitbit.com/apps",
                    false,
                    "http://localhost:",
                    8000,
                    Scopes.FITBIT,
                    null,
                    Map.of())) {
        @Override
        Transport transport(Settings settings, Clock clock) {
            return new Transport(new FitbitDialect(), settings.retry(), clock);
        }

        /** The token, revoke and introspection endpoints live under the API's URL. */
        @Override
        TokenEndpoint tokenEndpoint(
                Settings settings, String clientId, String clientSecret, Transport transport, RestClients clients) {
            return new FitbitTokenEndpoint(
                    clients.build(url(settings, Endpoint.API), FitbitOAuth.class, null),
                    transport,
                    clientId,
                    clientSecret);
        }

        @Override
        Source source(Settings settings, RestClients clients, Transport transport, TokenProvider tokens, ZoneId zone) {
            return new FitbitSource(
                    clients.build(url(settings, Endpoint.API), FitbitApi.class, new BearerFilter(tokens)),
                    transport,
                    tokens,
                    zone);
        }

        /** Token introspection. */
        @Override
        TokenCheck tokenCheck(Settings settings, RestClients clients, Transport transport) {
            FitbitOAuth oauth = clients.build(url(settings, Endpoint.API), FitbitOAuth.class, null);
            return token -> {
                MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
                form.add("token", token);
                JsonNode state = Json.parse(
                        transport.execute("token introspection", () -> oauth.introspect("Bearer " + token, form)),
                        "token introspection");
                // Introspection 1.1 answers true/false; asBoolean also reads the 1/0 of the deprecated 1.0.
                if (!state.path("active").asBoolean(false)) {
                    throw new UnauthorizedException(
                            "Fitbit", new ApiError("inactive_token", "", "the token is no longer active"));
                }
                return Optional.ofNullable(state.path("user_id").asText(null));
            };
        }
    };

    /** With doubling waits from 2 s this spans 1 to 2 minutes, whatever the jitter drew. */
    private static final int GOOGLE_RATE_LIMIT_WAITS = 6;

    /** A URL fbx reaches, the configuration property that moves it (and its {@code FBX_} variable), and its default. */
    public record Url(String property, String fallback) {
        /** The environment variable of the property: {@code fbx.google.api-url} is {@code FBX_GOOGLE_API_URL}. */
        public String variable() {
            return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    private final String api;
    private final Rate rate;
    private final Map<Endpoint, Url> urls;
    private final Map<String, List<String>> scopesByCommand;
    private final LoginFlow.SignIn signIn;

    Provider(
            String api,
            Rate rate,
            Map<Endpoint, Url> urls,
            Map<String, List<String>> scopesByCommand,
            LoginFlow.SignIn signIn) {
        this.api = api;
        this.rate = rate;
        this.urls = urls;
        this.scopesByCommand = scopesByCommand;
        this.signIn = signIn;
    }

    /** The name in {@code --provider}, {@code FBX_PROVIDER} and the token file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    /** The API's name, for people. */
    public String api() {
        return api;
    }

    /** How many requests the API accepts per window: what sync's estimates assume. */
    public Rate rate() {
        return rate;
    }

    public LoginFlow.SignIn signIn() {
        return signIn;
    }

    /** The OAuth scopes each command needs on this API, by command name, in the order of 'fbx --help'. */
    public Map<String, List<String>> scopesByCommand() {
        return scopesByCommand;
    }

    /** The URLs this provider is reached at, each with its property and default. */
    public Map<Endpoint, Url> urls() {
        return urls;
    }

    /** The provider called {@code id}; an unknown one is a configuration error. */
    public static Provider of(String id) {
        String name = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.id().equals(name))
                .findFirst()
                .orElseThrow(() -> FbxException.config("Unknown provider '" + id
                        + "' (from --provider, FBX_PROVIDER or the token file): use google or fitbit."));
    }

    /** A transport that reads answers the way this API writes them, with its rate-limit policy. */
    abstract Transport transport(Settings settings, Clock clock);

    /** The token endpoint for an OAuth client; its clients are closed with {@code clients}. */
    abstract TokenEndpoint tokenEndpoint(
            Settings settings, String clientId, String clientSecret, Transport transport, RestClients clients);

    /**
     * The data source, its client carrying the bearer filter (the only client that does).
     *
     * @param zone the account's zone from {@code --zone}; null to use the cached or asked one
     */
    abstract Source source(
            Settings settings, RestClients clients, Transport transport, TokenProvider tokens, ZoneId zone);

    /** Asks the API whether it accepts an access token, without using it for anything else. */
    abstract TokenCheck tokenCheck(Settings settings, RestClients clients, Transport transport);

    URI authorizeUrl(Settings settings) {
        return url(settings, Endpoint.AUTHORIZE);
    }

    /** The URL of {@code endpoint} in force: its property's value, else the default. */
    URI url(Settings settings, Endpoint endpoint) {
        Url url = urls.get(endpoint);
        String value = settings.get(url.property(), url.fallback());
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw FbxException.config("The URL '" + value + "' for " + url.property() + " (" + url.variable()
                    + ") is not valid (" + e.getMessage() + "): fix it.");
        }
    }

    private static Map<Endpoint, Url> urls(String prefix, Map<Endpoint, String> defaults) {
        Map<Endpoint, Url> urls = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            if (defaults.containsKey(endpoint)) {
                urls.put(
                        endpoint,
                        new Url(
                                prefix + "." + endpoint.name().toLowerCase(Locale.ROOT) + "-url",
                                defaults.get(endpoint)));
            }
        }
        return Collections.unmodifiableMap(urls);
    }

    /** What each command reads, in each API's scope names. */
    private static final class Scopes {
        static final String GOOGLE_PREFIX = "https://www.googleapis.com/auth/googlehealth.";
        private static final String METRICS = GOOGLE_PREFIX + "health_metrics_and_measurements.readonly";
        /** HR, HRV, SpO2, breathing rate and temperature; sleep; the time zone and devices (settings); the profile. */
        static final List<String> GOOGLE = List.of(
                METRICS,
                GOOGLE_PREFIX + "sleep.readonly",
                GOOGLE_PREFIX + "settings.readonly",
                GOOGLE_PREFIX + "profile.readonly");
        /** HR, HRV, SpO2, breathing rate and temperature are "metrics and measurements"; the profile's time zone and devices are settings. */
        static final Map<String, List<String>> GOOGLE_BY_COMMAND = byCommand(
                "hr",
                METRICS,
                "hrv",
                METRICS,
                "spo2",
                METRICS,
                "br",
                METRICS,
                "temp",
                METRICS,
                "sleep",
                GOOGLE_PREFIX + "sleep.readonly",
                "profile",
                GOOGLE_PREFIX + "settings.readonly");
        /** What hr, hrv, spo2, br, temp and sleep read, plus the profile (time zone) and settings (devices). */
        static final List<String> FITBIT = List.of(
                "heartrate", "oxygen_saturation", "respiratory_rate", "temperature", "sleep", "profile", "settings");
        /** Heart rate and HRV share one. */
        static final Map<String, List<String>> FITBIT_BY_COMMAND = byCommand(
                "hr",
                "heartrate",
                "hrv",
                "heartrate",
                "spo2",
                "oxygen_saturation",
                "br",
                "respiratory_rate",
                "temp",
                "temperature",
                "sleep",
                "sleep",
                "profile",
                "profile");

        private static Map<String, List<String>> byCommand(String... commandAndScope) {
            Map<String, List<String>> scopes = new LinkedHashMap<>();
            for (int i = 0; i < commandAndScope.length; i += 2) {
                scopes.put(commandAndScope[i], List.of(commandAndScope[i + 1]));
            }
            return Collections.unmodifiableMap(scopes);
        }
    }
}
