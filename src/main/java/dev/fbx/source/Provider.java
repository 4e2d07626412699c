package dev.fbx.source;

import dev.fbx.api.RestClients;
import dev.fbx.api.UnauthorizedException;
import dev.fbx.api.GoogleIdentityApi;
import dev.fbx.api.FitbitDialect;
import dev.fbx.api.GoogleDialect;
import dev.fbx.api.GoogleHealthApi;
import dev.fbx.api.Transport;
import dev.fbx.api.ApiError;
import dev.fbx.api.FitbitOAuth;
import dev.fbx.api.GoogleOAuth;
import dev.fbx.api.FitbitApi;
import dev.fbx.auth.BearerFilter;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.auth.FitbitTokenEndpoint;
import dev.fbx.auth.TokenCheck;
import dev.fbx.auth.TokenProvider;
import dev.fbx.auth.GoogleTokenEndpoint;
import dev.fbx.config.Settings;
import dev.fbx.FbxException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.auth.LoginFlow;
import dev.fbx.sync.Rate;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The APIs fbx signs in to, and everything that differs between them: how answers and rate limits
 * read, the token endpoint and sign-in parameters, how a token is checked, and the source that turns
 * the API into records. The one place that tells one provider from another; everything else asks it.
 */
public enum Provider {
    GOOGLE("Google Health API", new Rate(300, Duration.ofMinutes(1), "300/min"), new LoginFlow.SignIn("Google", "Google Cloud Desktop OAuth client", true,
            "http://127.0.0.1:", 0, LoginFlow.GOOGLE_SCOPES, LoginFlow.GOOGLE_SCOPE_PREFIX,
            // A refresh token only comes with offline access, and on a repeated sign-in only with a fresh consent.
            Map.of("access_type", "offline", "prompt", "consent"))) {
        @Override
        Transport transport(Settings settings, Clock clock) {
            Transport transport = new Transport(new GoogleDialect(), settings.retry(), clock);
            // Google's quota is per minute and announces no reset: wait out a 429 for a little over a
            // minute in all (doubling, with jitter) before giving up with exit 75.
            transport.rateLimitPolicy(Transport.waitUpTo(GOOGLE_RATE_LIMIT_WAITS, settings.retry().initialDelay().multipliedBy(2), clock));
            return transport;
        }

        @Override
        TokenEndpoint tokenEndpoint(Settings settings, String clientId, String clientSecret, Transport transport, RestClients clients) {
            URI tokenUrl = url(settings, Settings.GOOGLE_TOKEN_URL, "https://oauth2.googleapis.com/token");
            URI revokeUrl = url(settings, Settings.GOOGLE_REVOKE_URL, "https://oauth2.googleapis.com/revoke");
            return new GoogleTokenEndpoint(clients.build(tokenUrl, GoogleOAuth.class, null), clients.build(revokeUrl, GoogleOAuth.class, null),
                    transport, clientId, clientSecret);
        }

        @Override
        Source source(Settings settings, RestClients clients, Transport transport, TokenProvider tokens) {
            return new GoogleSource(clients.build(url(settings, Settings.GOOGLE_API_URL, GOOGLE_API), GoogleHealthApi.class,
                    new BearerFilter(tokens)), transport, tokens);
        }

        @Override
        URI authorizeUrl(Settings settings) {
            return url(settings, Settings.GOOGLE_AUTHORIZE_URL, "https://accounts.google.com/o/oauth2/v2/auth");
        }

        /** The user's identity: the cheapest authenticated call. */
        @Override
        TokenCheck tokenCheck(Settings settings, RestClients clients, Transport transport) {
            GoogleIdentityApi api = clients.build(url(settings, Settings.GOOGLE_API_URL, GOOGLE_API), GoogleIdentityApi.class, null);
            return token -> {
                JsonNode identity = Json.parse(transport.execute("the account's identity", () -> api.identity("Bearer " + token)), "identity");
                return Optional.ofNullable(identity.path("healthUserId").asText(null));
            };
        }
    },

    FITBIT("Fitbit Web API", new Rate(150, Duration.ofHours(1), "150/h"), new LoginFlow.SignIn("Fitbit", "app at dev.fitbit.com/apps", false,
            // Fitbit wants the registered redirect URL exactly: the seed's users registered localhost:8000.
            "http://localhost:", 8000, LoginFlow.FITBIT_SCOPES, null, Map.of())) {
        @Override
        Transport transport(Settings settings, Clock clock) {
            return new Transport(new FitbitDialect(), settings.retry(), clock);
        }

        @Override
        TokenEndpoint tokenEndpoint(Settings settings, String clientId, String clientSecret, Transport transport, RestClients clients) {
            return new FitbitTokenEndpoint(clients.build(url(settings, Settings.FITBIT_API_URL, FITBIT_API), FitbitOAuth.class, null), transport,
                    clientId, clientSecret);
        }

        @Override
        Source source(Settings settings, RestClients clients, Transport transport, TokenProvider tokens) {
            return new FitbitSource(clients.build(url(settings, Settings.FITBIT_API_URL, FITBIT_API), FitbitApi.class,
                    new BearerFilter(tokens)), transport, tokens);
        }

        @Override
        URI authorizeUrl(Settings settings) {
            return url(settings, Settings.FITBIT_AUTHORIZE_URL, "https://www.fitbit.com/oauth2/authorize");
        }

        /** Token introspection. */
        @Override
        TokenCheck tokenCheck(Settings settings, RestClients clients, Transport transport) {
            FitbitOAuth oauth = clients.build(url(settings, Settings.FITBIT_API_URL, FITBIT_API), FitbitOAuth.class, null);
            return token -> {
                MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
                form.add("token", token);
                JsonNode state = Json.parse(transport.execute("token introspection", () -> oauth.introspect("Bearer " + token, form)),
                        "token introspection");
                // Introspection 1.1 answers true/false; asBoolean also reads the 1/0 of the deprecated 1.0.
                if (!state.path("active").asBoolean(false)) {
                    throw new UnauthorizedException("Fitbit", new ApiError("inactive_token", "", "the token is no longer active"));
                }
                return Optional.ofNullable(state.path("user_id").asText(null));
            };
        }
    };

    /** With doubling waits from 2 s this spans 1 to 2 minutes, whatever the jitter drew. */
    private static final int GOOGLE_RATE_LIMIT_WAITS = 6;
    private static final String GOOGLE_API = "https://health.googleapis.com";
    private static final String FITBIT_API = "https://api.fitbit.com";

    private final String api;
    private final Rate rate;
    private final LoginFlow.SignIn signIn;

    Provider(String api, Rate rate, LoginFlow.SignIn signIn) {
        this.api = api;
        this.rate = rate;
        this.signIn = signIn;
    }

    /** The name in {@code --provider}, {@code FBX_PROVIDER} and the token file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
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

    /** The provider called {@code id}; an unknown one is a configuration error. */
    public static Provider of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> FbxException.config(
                "Unknown provider '" + id + "' (from --provider, FBX_PROVIDER or the token file): use google or fitbit."));
    }

    /** A transport that reads answers the way this API writes them, with its rate-limit policy. */
    abstract Transport transport(Settings settings, Clock clock);

    /** The token endpoint for an OAuth client; its clients are closed with {@code clients}. */
    abstract TokenEndpoint tokenEndpoint(Settings settings, String clientId, String clientSecret, Transport transport, RestClients clients);

    /** The data source, its client carrying the bearer filter (the only client that does). */
    abstract Source source(Settings settings, RestClients clients, Transport transport, TokenProvider tokens);

    abstract URI authorizeUrl(Settings settings);

    /** Asks the API whether it accepts an access token, without using it for anything else. */
    abstract TokenCheck tokenCheck(Settings settings, RestClients clients, Transport transport);

    static URI url(Settings settings, String property, String fallback) {
        String value = settings.get(property, fallback);
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw FbxException.config("The URL '" + value + "' for " + property + " is not valid (" + e.getMessage() + "): fix it.");
        }
    }
}
