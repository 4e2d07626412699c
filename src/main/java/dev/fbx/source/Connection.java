package dev.fbx.source;

import dev.fbx.api.FitbitDialect;
import dev.fbx.auth.MemoryTokenStore;
import dev.fbx.auth.TokenStorage;
import dev.fbx.auth.TokenStore;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.auth.TokenFile;
import dev.fbx.archive.ArchiveSource;
import dev.fbx.api.RestClients;
import dev.fbx.api.Transport;
import dev.fbx.auth.TokenProvider;
import dev.fbx.config.Settings;
import dev.fbx.demo.DemoServer;
import dev.fbx.sync.Rate;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything one invocation needs to talk to its provider, built once: the REST clients (the
 * bearer filter on the data client only), the transport, the token provider and the source. With
 * {@link Settings#demo()} the built-in demo account is started here on loopback and the provider's
 * clients are pointed at it (Google's API unless {@code --provider fitbit}); its tokens live in
 * memory only.
 */
public final class Connection implements AutoCloseable {
    private static final Rate ARCHIVE_RATE = new Rate(1, java.time.Duration.ZERO, "no network (archive)");

    private final RestClients clients = new RestClients();
    private final Transport transport;
    private final TokenProvider tokens;
    private final Source source;
    private final DemoServer demo;
    private final ArchiveSource archive;
    /** The API; null for an archive. */
    private final Provider provider;

    private Connection(Settings settings, Clock clock) {
        if (!settings.archive().isEmpty()) {
            // An archive is read offline: no transport is used, no token read.
            demo = null;
            provider = null;
            transport = new Transport(new FitbitDialect(), settings.retry(), clock);
            tokens = null;
            archive = ArchiveSource.open(settings.archive(), settings.zone().orElse(null));
            source = archive;
            return;
        }
        archive = null;
        provider = Provider.of(settings.provider());
        TokenStorage store;
        TokenFile initial;
        if (settings.demo()) {
            // The demo account serves both providers' APIs; the same wiring as a real account's reaches it.
            demo = DemoServer.start(clock);
            settings = settings.with(demo.settings());
            initial = demo.expiredTokens(provider.id());
            store = new MemoryTokenStore(initial, "the demo account's tokens");
        } else {
            demo = null;
            initial = initialTokens(settings);
            store = settings.tokenStore();
        }
        transport = provider.transport(settings, clock);
        TokenEndpoint endpoint = provider.tokenEndpoint(settings, settings.get(Settings.CLIENT_ID).orElse(null),
                settings.get(Settings.CLIENT_SECRET).orElse(null), transport, clients);
        tokens = new TokenProvider(store, initial, endpoint, clock);
        source = provider.source(settings, clients, transport, tokens);
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

    public Source source() {
        return source;
    }

    public Transport transport() {
        return transport;
    }

    /** The API this connection talks to (the demo account's too); empty for an archive. */
    public Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    /** Where the data comes from, for people. */
    public String describe() {
        return archive != null ? "a Fitbit archive" : demo != null ? "the demo account (synthetic data, " + provider.api() + ")" : provider.api();
    }

    /** The provider's request rate, which sync's estimates assume; an archive makes no requests. */
    public Rate rate() {
        return archive != null ? ARCHIVE_RATE : provider.rate();
    }

    public TokenProvider tokens() {
        return tokens;
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
