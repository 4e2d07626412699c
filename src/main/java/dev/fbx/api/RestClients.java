package dev.fbx.api;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the REST clients of one invocation, all alike (timeouts, raw bodies for {@link Transport},
 * the user agent), and closes them together.
 */
public final class RestClients implements AutoCloseable {
    private final List<Object> clients = new ArrayList<>();

    /** @param filter a request filter to register (the bearer filter of data clients), or null */
    public <T> T build(URI base, Class<T> type, Object filter) {
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
