package dev.fbx.source;

import dev.fbx.FbxException;
import dev.fbx.api.FitbitApi;
import dev.fbx.archive.ArchiveSource;
import dev.fbx.api.FitbitDialect;
import dev.fbx.api.FitbitOAuth;
import dev.fbx.api.GoogleDialect;
import dev.fbx.api.GoogleHealthApi;
import dev.fbx.api.GoogleOAuth;
import dev.fbx.api.RestClients;
import dev.fbx.api.Transport;
import dev.fbx.auth.BearerFilter;
import dev.fbx.auth.FitbitTokenEndpoint;
import dev.fbx.auth.GoogleTokenEndpoint;
import dev.fbx.auth.MemoryTokenStore;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenProvider;
import dev.fbx.auth.TokenStorage;
import dev.fbx.auth.TokenStore;
import dev.fbx.config.Settings;
import dev.fbx.demo.DemoServer;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything one invocation needs to talk to its provider, built once: the REST clients (the
 * bearer filter on the data client only), the transport, the token provider and the source. With
 * {@link Settings#demo()} the provider is the built-in demo account, started here on loopback, and
 * its tokens live in memory only.
 */
public final class Connection implements AutoCloseable {
    /** With doubling waits from 2 s this spans 1 to 2 minutes, whatever the jitter drew. */
    private static final int GOOGLE_RATE_LIMIT_WAITS = 6;

    private final RestClients clients = new RestClients();
    private final Transport transport;
    private final TokenProvider tokens;
    private final HealthSource source;
    private final DemoServer demo;
    private final ArchiveSource archive;

    private Connection(Settings settings, Clock clock) {
        if (!settings.archive().isEmpty()) {
            // An archive is read offline: no transport is used, no token read.
            demo = null;
            transport = new Transport(new FitbitDialect(), settings.retry(), clock);
            tokens = null;
            archive = ArchiveSource.open(settings.archive(), settings.zone().orElse(null));
            source = archive;
            return;
        }
        archive = null;
        if (settings.demo()) {
            demo = DemoServer.start(clock);
            transport = new Transport(new FitbitDialect(), settings.retry(), clock);
            TokenFile initial = demo.expiredTokens();
            TokenEndpoint endpoint = new FitbitTokenEndpoint(clients.build(demo.uri(), FitbitOAuth.class, null), transport, DemoServer.CLIENT_ID, null);
            tokens = new TokenProvider(new MemoryTokenStore(initial, "the demo account's tokens"), initial, endpoint, clock);
            source = new FitbitSource(clients.build(demo.uri(), FitbitApi.class, new BearerFilter(tokens)), transport, tokens);
            return;
        }
        demo = null;
        TokenStore store = settings.tokenStore();
        TokenFile initial = initialTokens(settings);
        transport = transport(settings, clock);
        TokenEndpoint endpoint = tokenEndpoint(settings, settings.get(Settings.CLIENT_ID).orElse(null),
                settings.get(Settings.CLIENT_SECRET).orElse(null), transport, clients);
        tokens = new TokenProvider(store, initial, endpoint, clock);
        BearerFilter bearer = new BearerFilter(tokens);
        if (settings.provider().equals("google")) {
            URI base = baseUri(settings, Settings.GOOGLE_API_URL, "https://health.googleapis.com");
            source = new GoogleSource(clients.build(base, GoogleHealthApi.class, bearer), transport, tokens);
        } else {
            URI base = baseUri(settings, Settings.FITBIT_API_URL, "https://api.fitbit.com");
            source = new FitbitSource(clients.build(base, FitbitApi.class, bearer), transport, tokens);
        }
    }

    public static Connection open(Settings settings) {
        return new Connection(settings, Clock.systemUTC());
    }

    /** The demo account this connection talks to, if it is a {@code --demo} run. */
    public Optional<DemoServer> demo() {
        return Optional.ofNullable(demo);
    }

    /** The archive this connection reads, if it is an {@code --archive} run. */
    public Optional<ArchiveSource> archive() {
        return Optional.ofNullable(archive);
    }

    public HealthSource source() {
        return source;
    }

    public Transport transport() {
        return transport;
    }

    public TokenProvider tokens() {
        return tokens;
    }

    /** A transport that reads answers the way the configured provider writes them. */
    static Transport transport(Settings settings, Clock clock) {
        if (!settings.provider().equals("google")) {
            return new Transport(new FitbitDialect(), settings.retry(), clock);
        }
        Transport transport = new Transport(new GoogleDialect(), settings.retry(), clock);
        // Google's quota is per minute and announces no reset: wait out a 429 for a little over a
        // minute in all (doubling, with jitter) before giving up with exit 75.
        transport.rateLimitPolicy(Transport.waitUpTo(GOOGLE_RATE_LIMIT_WAITS, settings.retry().initialDelay().multipliedBy(2), clock));
        return transport;
    }

    /**
     * The configured provider's token endpoint for an OAuth client, for the data commands and for
     * 'fbx auth' (which runs before there is a token file); its clients are closed with {@code clients}.
     */
    static TokenEndpoint tokenEndpoint(Settings settings, String clientId, String clientSecret, Transport transport,
            RestClients clients) {
        if (settings.provider().equals("google")) {
            URI tokenUrl = baseUri(settings, Settings.GOOGLE_TOKEN_URL, "https://oauth2.googleapis.com/token");
            URI revokeUrl = baseUri(settings, Settings.GOOGLE_REVOKE_URL, "https://oauth2.googleapis.com/revoke");
            return new GoogleTokenEndpoint(clients.build(tokenUrl, GoogleOAuth.class, null), clients.build(revokeUrl, GoogleOAuth.class, null),
                    transport, clientId, clientSecret);
        }
        FitbitOAuth oauth = clients.build(baseUri(settings, Settings.FITBIT_API_URL, "https://api.fitbit.com"), FitbitOAuth.class, null);
        return new FitbitTokenEndpoint(oauth, transport, clientId, clientSecret);
    }

    /**
     * The token file, or one seeded from {@code FBX_ACCESS_TOKEN}/{@code FBX_REFRESH_TOKEN} (a
     * Kubernetes Secret, say) when there is no file yet: it is written at once, so that the
     * rotated refresh token of the first refresh has a home.
     */
    private static TokenFile initialTokens(Settings settings) {
        TokenStore store = settings.tokenStore();
        if (settings.tokenFile().isPresent()) {
            return settings.tokenFile().get();
        }
        String access = settings.get(Settings.ACCESS_TOKEN).orElse(null);
        String refresh = settings.get(Settings.REFRESH_TOKEN).orElse(null);
        if (access == null && refresh == null) {
            return store.require();
        }
        return store.locked(() -> store.read().orElseGet(() -> {
            TokenFile seeded = TokenFile.empty()
                    .with(TokenFile.PROVIDER, settings.provider())
                    .with(TokenFile.CLIENT_ID, settings.get(Settings.CLIENT_ID).orElse(null))
                    .with(TokenFile.ACCESS_TOKEN, access)
                    .with(TokenFile.REFRESH_TOKEN, refresh);
            store.write(seeded);
            return seeded;
        }));
    }

    static URI baseUri(Settings settings, String property, String fallback) {
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

    @Override
    public void close() {
        if (demo != null) {
            demo.close();
        }
        if (archive != null) {
            archive.close();
        }
        clients.close();
    }
}
