package dev.fbx.origin;

import dev.fbx.FbxException;
import dev.fbx.api.RestClients;
import dev.fbx.api.Transport;
import dev.fbx.auth.Account;
import dev.fbx.auth.LoginFlow;
import dev.fbx.auth.TokenCheck;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.auth.TokenFile;
import dev.fbx.config.Settings;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * What 'fbx auth' and 'fbx doctor' need of an account's provider, built once per invocation: its
 * token endpoint, its authorize URL, and a check of an access token (Fitbit's introspection; on
 * Google the user's identity, the cheapest authenticated call). Unlike {@link Connection} it needs
 * no token file.
 */
public final class AuthConnection implements AutoCloseable {
    private final RestClients clients = new RestClients();
    private final Settings settings;
    private final Provider provider;
    private final Transport transport;
    private final Clock clock;

    private AuthConnection(Settings settings, Provider provider, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.provider = provider;
        this.transport = provider.transport(settings, clock);
    }

    /**
     * @param command the command, for the line that refuses an archive or the demo (64)
     */
    public static AuthConnection open(Settings settings, String command, Clock clock) {
        return new AuthConnection(settings, Origin.of(settings).api(command).provider(), clock);
    }

    public Provider provider() {
        return provider;
    }

    /** The transport every request of this connection goes through (its dialect, the server's clock). */
    public Transport transport() {
        return transport;
    }

    /** The token endpoint for the client configured in the settings (option, environment, token file). */
    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint(
                settings.get(Settings.CLIENT_ID).orElse(null),
                settings.get(Settings.CLIENT_SECRET).orElse(null));
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

    /**
     * The client to sign in with: {@code --client-id}/{@code --client-secret}, else the settings
     * (environment, properties, token file). A token file's client belongs to its own provider and
     * its secret to its own client id, so they are not reused for another one.
     */
    public LoginFlow.Client client(String idOption, String secretOption) {
        String provider = this.provider.id();
        LoginFlow.SignIn signIn = this.provider.signIn();
        TokenFile file = settings.tokenFile().orElse(TokenFile.empty());
        boolean sameProvider = file.get(TokenFile.PROVIDER).orElse("fitbit").equals(provider);
        Optional<String> fileId = file.get(TokenFile.CLIENT_ID);
        String id = idOption != null
                ? idOption
                : settings.get(Settings.CLIENT_ID)
                        .filter(v -> sameProvider || !fileId.equals(Optional.of(v)))
                        .orElse(null);
        if (id == null || id.isBlank()) {
            throw FbxException.config("No client id: pass --client-id (the OAuth 2.0 Client ID of your "
                    + signIn.clientHint()
                    + "), or set FBX_CLIENT_ID.");
        }
        boolean sameClient = sameProvider && fileId.equals(Optional.of(id));
        Optional<String> fileSecret = file.get(TokenFile.CLIENT_SECRET);
        String secret = secretOption != null
                ? secretOption
                : settings.get(Settings.CLIENT_SECRET)
                        .filter(v -> sameClient || !fileSecret.equals(Optional.of(v)))
                        .orElse(null);
        if (signIn.secretRequired() && secret == null) {
            throw FbxException.config(
                    "The " + provider + " provider needs the client secret too: pass --client-secret (from your "
                            + signIn.clientHint() + "), or set FBX_CLIENT_SECRET.");
        }
        return new LoginFlow.Client(
                id, secret, secretOption != null ? secretOption : sameClient ? fileSecret.orElse(null) : null);
    }

    @Override
    public void close() {
        clients.close();
    }
}
