package dev.fbx.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server on a random loopback port standing in for the provider APIs and their token
 * endpoints. fbx is pointed at it through configuration, as a user would with FBX_*_URL; retries
 * back off for milliseconds instead of seconds. One server serves the whole test run: Quarkus
 * starts test resources of a {@code @QuarkusMainTest} only when it launches the application, after
 * a test has stubbed its answers, and in another class loader, so tests create it with
 * {@link #server()} and the resource finds it through a system property.
 */
public class ApiFake implements QuarkusTestResourceLifecycleManager {
    private static final String PORT = "fbx.test.api-fake.port";
    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(
                    options().dynamicPort().bindAddress("127.0.0.1").extensions(new FitbitDays(), new GoogleDays()));
            server.start();
            System.setProperty(PORT, String.valueOf(server.port()));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        String port = System.getProperty(PORT);
        if (port == null) {
            throw new IllegalStateException("ApiFake.server() must be called by the test before fbx is launched");
        }
        String base = "http://127.0.0.1:" + port;
        return Map.of(
                "fbx.fitbit.api-url",
                base,
                "fbx.fitbit.authorize-url",
                base + "/fitbit/authorize",
                "fbx.google.api-url",
                base,
                "fbx.google.token-url",
                base + "/google/token",
                "fbx.google.authorize-url",
                base + "/google/authorize",
                "fbx.google.revoke-url",
                base + "/google/revoke",
                "fbx.retry.initial-delay-ms",
                "1",
                "fbx.retry.max-delay-ms",
                "20");
    }

    @Override
    public void stop() {
        // The server outlives each launch; the shutdown hook stops it.
    }
}
