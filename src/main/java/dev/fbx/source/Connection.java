package dev.fbx.source;

import dev.fbx.FbxException;
import dev.fbx.api.FitbitApi;
import dev.fbx.api.FitbitDialect;
import dev.fbx.api.FitbitOAuth;
import dev.fbx.api.Transport;
import dev.fbx.auth.BearerFilter;
import dev.fbx.auth.FitbitTokenEndpoint;
import dev.fbx.auth.MemoryTokenStore;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenProvider;
import dev.fbx.auth.TokenStorage;
import dev.fbx.auth.TokenStore;
import dev.fbx.config.Settings;
import dev.fbx.demo.DemoServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Everything one invocation needs to talk to its provider, built once: the REST clients (the
 * bearer filter on the data client only), the transport, the token provider and the source. With
 * {@link Settings#demo()} the provider is the built-in demo account, started here on loopback, and
 * its tokens live in memory only.
 */
public final class Connection implements AutoCloseable {
    private final List<Object> clients = new ArrayList<>();
    private final Transport transport;
    private final TokenProvider tokens;
    private final HealthSource source;
    private final DemoServer demo;

    private Connection(Settings settings, Clock clock) {
        TokenStorage store;
        TokenFile initial;
        URI base;
        String clientId;
        String clientSecret;
        if (settings.demo()) {
            demo = DemoServer.start(clock);
            initial = demo.expiredTokens();
            store = new MemoryTokenStore(initial, "the demo account's tokens");
            base = demo.uri();
            clientId = DemoServer.CLIENT_ID;
            clientSecret = null;
        } else {
            demo = null;
            String provider = settings.provider();
            if (!provider.equals("fitbit")) {
                throw FbxException.config("The '" + provider + "' provider is not available in this build of fbx: use --provider fitbit.");
            }
            store = settings.tokenStore();
            initial = initialTokens(settings);
            base = baseUri(settings, Settings.FITBIT_API_URL, "https://api.fitbit.com");
            clientId = settings.get(Settings.CLIENT_ID).orElse(null);
            clientSecret = settings.get(Settings.CLIENT_SECRET).orElse(null);
        }
        transport = new Transport(new FitbitDialect(), settings.retry(), clock);
        FitbitOAuth oauth = client(base, FitbitOAuth.class, null);
        FitbitTokenEndpoint endpoint = new FitbitTokenEndpoint(oauth, transport, clientId, clientSecret);
        tokens = new TokenProvider(store, initial, endpoint, clock);
        source = new FitbitSource(client(base, FitbitApi.class, new BearerFilter(tokens)), transport, tokens);
    }

    public static Connection open(Settings settings) {
        return new Connection(settings, Clock.systemUTC());
    }

    /** The demo account this connection talks to, if it is a {@code --demo} run. */
    public Optional<DemoServer> demo() {
        return Optional.ofNullable(demo);
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

    private <T> T client(URI base, Class<T> type, Object filter) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS)
                .disableDefaultMapper(true)
                .userAgent("fbx");
        if (filter != null) {
            builder.register(filter);
        }
        T client = builder.build(type);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        if (demo != null) {
            demo.close();
        }
        for (Object client : clients) {
            if (client instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    // Nothing left to do with a client that failed to close.
                }
            }
        }
    }
}
