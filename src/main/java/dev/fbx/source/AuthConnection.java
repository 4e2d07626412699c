package dev.fbx.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.api.ApiError;
import dev.fbx.api.FitbitOAuth;
import dev.fbx.api.GoogleIdentityApi;
import dev.fbx.api.RestClients;
import dev.fbx.api.Transport;
import dev.fbx.api.UnauthorizedException;
import dev.fbx.auth.Account;
import dev.fbx.auth.TokenCheck;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.config.Settings;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * What 'fbx auth' needs of the configured provider, built once per invocation: its token endpoint,
 * its authorize URL, and a check of an access token (Fitbit's introspection; on Google the user's
 * identity, the cheapest authenticated call). Unlike {@link Connection} it needs no token file.
 */
public final class AuthConnection implements AutoCloseable {
    private final RestClients clients = new RestClients();
    private final Settings settings;
    private final String provider;
    private final Transport transport;
    private final Clock clock;

    private AuthConnection(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.provider = settings.provider();
        this.transport = Connection.transport(settings, clock);
    }

    public static AuthConnection open(Settings settings) {
        if (settings.demo()) {
            throw FbxException.usage("'fbx auth' works on a real account's token file; the demo account (--demo, FBX_DEMO) needs no sign-in.");
        }
        return new AuthConnection(settings, Clock.systemUTC());
    }

    public String provider() {
        return provider;
    }

    /** The transport every request of this connection goes through (its dialect, the server's clock). */
    public Transport transport() {
        return transport;
    }

    /** The token endpoint for the client configured in the settings (option, environment, token file). */
    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint(settings.get(Settings.CLIENT_ID).orElse(null), settings.get(Settings.CLIENT_SECRET).orElse(null));
    }

    public TokenEndpoint tokenEndpoint(String clientId, String clientSecret) {
        return Connection.tokenEndpoint(settings, clientId, clientSecret, transport, clients);
    }

    /** The signed-in account of the configured token file, through the configured client. */
    public Account account() {
        return new Account(settings.tokenStore(), tokenEndpoint(), clock);
    }

    public URI authorizeUrl() {
        return provider.equals("google")
                ? Connection.baseUri(settings, Settings.GOOGLE_AUTHORIZE_URL, "https://accounts.google.com/o/oauth2/v2/auth")
                : Connection.baseUri(settings, Settings.FITBIT_AUTHORIZE_URL, "https://www.fitbit.com/oauth2/authorize");
    }

    public TokenCheck tokenCheck() {
        if (provider.equals("google")) {
            GoogleIdentityApi api = clients.build(Connection.baseUri(settings, Settings.GOOGLE_API_URL, "https://health.googleapis.com"),
                    GoogleIdentityApi.class, null);
            return token -> {
                JsonNode identity = Json.parse(transport.execute("the account's identity", () -> api.identity("Bearer " + token)), "identity");
                return Optional.ofNullable(identity.path("healthUserId").asText(null));
            };
        }
        FitbitOAuth oauth = clients.build(Connection.baseUri(settings, Settings.FITBIT_API_URL, "https://api.fitbit.com"), FitbitOAuth.class, null);
        return token -> {
            MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
            form.add("token", token);
            JsonNode state = Json.parse(transport.execute("token introspection", () -> oauth.introspect("Bearer " + token, form)), "token introspection");
            // Introspection 1.1 answers true/false; asBoolean also reads the 1/0 of the deprecated 1.0.
            if (!state.path("active").asBoolean(false)) {
                throw new UnauthorizedException("Fitbit", new ApiError("inactive_token", "", "the token is no longer active"));
            }
            return Optional.ofNullable(state.path("user_id").asText(null));
        };
    }

    @Override
    public void close() {
        clients.close();
    }
}
