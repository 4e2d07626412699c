package dev.fbx.source;

import dev.fbx.FbxException;
import dev.fbx.api.RestClients;
import dev.fbx.api.Transport;
import dev.fbx.auth.Account;
import dev.fbx.auth.TokenCheck;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.config.Settings;
import java.net.URI;
import java.time.Clock;

/**
 * What 'fbx auth' needs of the configured provider, built once per invocation: its token endpoint,
 * its authorize URL, and a check of an access token (Fitbit's introspection; on Google the user's
 * identity, the cheapest authenticated call). Unlike {@link Connection} it needs no token file.
 */
public final class AuthConnection implements AutoCloseable {
    private final RestClients clients = new RestClients();
    private final Settings settings;
    private final Provider provider;
    private final Transport transport;
    private final Clock clock;

    private AuthConnection(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.provider = Provider.of(settings.provider());
        this.transport = provider.transport(settings, clock);
    }

    public static AuthConnection open(Settings settings) {
        if (settings.demo()) {
            throw FbxException.usage("'fbx auth' works on a real account's token file; the demo account (--demo, FBX_DEMO) needs no sign-in.");
        }
        return new AuthConnection(settings, Clock.systemUTC());
    }

    public Provider provider() {
        return provider;
    }

    /** The token endpoint for the client configured in the settings (option, environment, token file). */
    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint(settings.get(Settings.CLIENT_ID).orElse(null), settings.get(Settings.CLIENT_SECRET).orElse(null));
    }

    public TokenEndpoint tokenEndpoint(String clientId, String clientSecret) {
        return provider.tokenEndpoint(settings, clientId, clientSecret, transport, clients);
    }

    /** The signed-in account of the configured token file, through the configured client. */
    public Account account() {
        return new Account(settings.tokenStore(), tokenEndpoint(), clock);
    }

    public URI authorizeUrl() {
        return provider.authorizeUrl(settings);
    }

    public TokenCheck tokenCheck() {
        return provider.tokenCheck(settings, clients, transport);
    }

    @Override
    public void close() {
        clients.close();
    }
}
