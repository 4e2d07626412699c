package dev.fbx.origin;

import dev.fbx.api.Endpoint;
import dev.fbx.api.RestClients;
import dev.fbx.api.Transport;
import dev.fbx.archive.ArchiveSource;
import dev.fbx.auth.MemoryTokenStore;
import dev.fbx.auth.TokenEndpoint;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenProvider;
import dev.fbx.auth.TokenStorage;
import dev.fbx.auth.TokenStore;
import dev.fbx.config.Settings;
import dev.fbx.demo.DemoServer;
import dev.fbx.source.Source;
import dev.fbx.sync.Rate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root of one invocation: from its {@link Origin}, everything a command needs to
 * read data, built once. An API gets its REST clients (the bearer filter on the data client only),
 * its transport, the token provider over the token file, and its source; the demo account is
 * started here on loopback and the provider's clients are pointed at it, its tokens in memory only;
 * an archive is opened and read offline.
 */
public final class Connection implements AutoCloseable {
    private static final Rate ARCHIVE_RATE = new Rate(1, Duration.ZERO, "no network (archive)");

    private final Origin origin;
    private final Clock clock;
    private final RestClients clients = new RestClients();
    private final Transport transport;
    /** Null for an archive. */
    private final TokenProvider tokens;

    private final Source source;
    /** Null unless the origin is the demo. */
    private final DemoServer demo;

    private Connection(Origin origin, Settings settings, Clock clock) {
        this.origin = origin;
        this.clock = clock;
        ZoneId zone = settings.zone().orElse(null);
        if (origin instanceof Origin.Archive archive) {
            demo = null;
            tokens = null;
            // Nothing is requested; the transport only counts (no) requests for sync's report.
            transport = Provider.FITBIT.transport(settings, clock);
            source = ArchiveSource.open(archive.paths(), zone);
            return;
        }
        Provider provider;
        TokenStorage store;
        TokenFile initial;
        if (origin instanceof Origin.Demo shown) {
            provider = shown.shapes();
            demo = DemoServer.start(clock, shown.participant());
            settings = settings.with(demoSettings(provider, demo));
            initial = demo.expiredTokens(provider.id());
            store = new MemoryTokenStore(initial, "the demo account's tokens");
        } else {
            provider = ((Origin.Api) origin).provider();
            demo = null;
            initial = initialTokens(settings, provider);
            store = settings.tokenStore();
        }
        transport = provider.transport(settings, clock);
        TokenEndpoint endpoint = provider.tokenEndpoint(
                settings,
                settings.get(Settings.CLIENT_ID).orElse(null),
                settings.get(Settings.CLIENT_SECRET).orElse(null),
                transport,
                clients);
        tokens = new TokenProvider(store, initial, endpoint, clock);
        source = provider.source(settings, clients, transport, tokens, zone);
    }

    /** Opens what {@code settings} name ({@link Origin#of}); a demo or an archive is started or opened here. */
    public static Connection open(Settings settings, Clock clock) {
        return open(Origin.of(settings), settings, clock);
    }

    /** Opens {@code origin} with {@code settings}: a cohort's participant, whose origin the roster chose. */
    public static Connection open(Origin origin, Settings settings, Clock clock) {
        return new Connection(origin, settings, clock);
    }

    /** The demo's URLs under the provider's configuration keys, and its OAuth client. */
    private static Map<String, String> demoSettings(Provider provider, DemoServer demo) {
        Map<String, String> values = new HashMap<>();
        Map<Endpoint, URI> served = demo.endpoints();
        provider.urls().forEach((endpoint, url) -> {
            if (served.containsKey(endpoint)) {
                values.put(url.property(), served.get(endpoint).toString());
            }
        });
        values.put(Settings.CLIENT_ID, DemoServer.CLIENT_ID);
        values.put(Settings.CLIENT_SECRET, DemoServer.CLIENT_SECRET);
        return values;
    }

    public Origin origin() {
        return origin;
    }

    public Source source() {
        return source;
    }

    public Transport transport() {
        return transport;
    }

    /** The demo account this connection talks to, if it is a {@code --demo} run. */
    public Optional<DemoServer> demo() {
        return Optional.ofNullable(demo);
    }

    /** The tokens of an API or the demo; empty for an archive. */
    public Optional<TokenProvider> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** Where the data comes from, for people. */
    public String describe() {
        return origin.describe();
    }

    /** The provider's request rate, which sync's estimates assume; an archive makes no requests. */
    public Rate rate() {
        if (origin instanceof Origin.Api api) {
            return api.provider().rate();
        }
        return origin instanceof Origin.Demo shown ? shown.shapes().rate() : ARCHIVE_RATE;
    }

    /**
     * The account's time zone: {@code --zone}, else the token file's cache, else the source's
     * (one request on an API, then cached; an archive's profile).
     */
    public ZoneId zone() {
        return source.zone();
    }

    /** Today in the account's time zone, never this machine's: a CronJob in UTC must not stop a day short of a Berlin account's today. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone()));
    }

    /**
     * The account's id where it is known without a request (the token file's, the archive's
     * profile), for people; empty otherwise. A database keys rows by {@link Source#account()}.
     */
    public Optional<String> account() {
        if (tokens != null) {
            return tokens.current().get(TokenFile.USER_ID);
        }
        return Optional.ofNullable(source.profile().userId());
    }

    /**
     * The token file, or one seeded from {@code FBX_ACCESS_TOKEN}/{@code FBX_REFRESH_TOKEN} (a
     * Kubernetes Secret, say) when there is no file yet: it is written at once, so that the
     * rotated refresh token of the first refresh has a home.
     */
    private static TokenFile initialTokens(Settings settings, Provider provider) {
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
                    .with(TokenFile.PROVIDER, provider.id())
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
        source.close();
        clients.close();
    }
}
