package dev.fbx.config;

import dev.fbx.FbxException;
import dev.fbx.api.Transport;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenStore;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * fbx's settings for one invocation, highest first: command-line options, environment variables,
 * {@code config/application.properties}, the packaged defaults, and last the token file. Quarkus
 * builds its configuration before picocli parses the options, so the options and the token file
 * (whose path may itself be an option) are layered here over Quarkus's sources.
 */
public final class Settings {
    public static final String TOKEN_FILE = "fbx.token-file";
    public static final String PROVIDER = "fbx.provider";
    public static final String CLIENT_ID = "fbx.client-id";
    public static final String CLIENT_SECRET = "fbx.client-secret";
    public static final String ACCESS_TOKEN = "fbx.access-token";
    public static final String REFRESH_TOKEN = "fbx.refresh-token";
    /** {@code --demo} / {@code FBX_DEMO}: the built-in synthetic account instead of a real one. */
    public static final String DEMO = "fbx.demo";
    /** {@code --archive} / {@code FBX_ARCHIVE}: a Fitbit archive (paths separated by commas) instead of an API. */
    public static final String ARCHIVE = "fbx.archive";
    /** {@code --zone} / {@code FBX_ZONE}: the account's time zone, above what the token file caches or the source says. */
    public static final String ZONE = "fbx.zone";

    /** Option ordinal: above system properties (400) and the environment (300). */
    private static final int OPTIONS_ORDINAL = 500;

    private final SmallRyeConfig config;
    private final TokenStore tokenStore;
    private final Optional<TokenFile> tokenFile;
    private final boolean demo;
    private final List<Path> archive;

    private Settings(
            SmallRyeConfig config,
            TokenStore tokenStore,
            Optional<TokenFile> tokenFile,
            boolean demo,
            List<Path> archive) {
        this.config = config;
        this.tokenStore = tokenStore;
        this.tokenFile = tokenFile;
        this.demo = demo;
        this.archive = archive;
    }

    /**
     * @param options the values given on the command line, by property name (null values are ignored)
     * @param readTokenFile false for commands that must not read the token file; with {@link #DEMO} or {@link #ARCHIVE} set it is never read
     */
    public static Settings resolve(Map<String, String> options, boolean readTokenFile) {
        Map<String, String> given = new java.util.HashMap<>();
        options.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        List<ConfigSource> base = new ArrayList<>();
        ConfigProvider.getConfig().getConfigSources().forEach(base::add);
        PropertiesConfigSource optionSource = new PropertiesConfigSource(given, "command line", OPTIONS_ORDINAL);
        SmallRyeConfig withOptions = new SmallRyeConfigBuilder()
                .withSources(base)
                .withSources(optionSource)
                .build();
        TokenStore store = new TokenStore(
                Path.of(withOptions.getOptionalValue(TOKEN_FILE, String.class).orElse("fb_conf.json")));
        boolean demo = withOptions.getOptionalValue(DEMO, Boolean.class).orElse(false);
        List<Path> archive = withOptions.getOptionalValue(ARCHIVE, String.class).stream()
                .flatMap(paths -> java.util.Arrays.stream(paths.split(",")))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(Path::of)
                .toList();
        if (demo && !archive.isEmpty()) {
            throw FbxException.usage("--demo and --archive name two sources: give one of them.");
        }
        Optional<TokenFile> file = readTokenFile && !demo && archive.isEmpty() ? store.read() : Optional.empty();
        SmallRyeConfig all = file.isEmpty()
                ? withOptions
                : new SmallRyeConfigBuilder()
                        .withSources(base)
                        .withSources(optionSource)
                        .withSources(new TokenFileConfigSource(file.get()))
                        .build();
        return new Settings(all, store, file, demo, archive);
    }

    /**
     * These settings with {@code values} above everything else: how the demo account points the
     * providers' clients at itself.
     */
    public Settings with(Map<String, String> values) {
        List<ConfigSource> sources = new ArrayList<>();
        config.getConfigSources().forEach(sources::add);
        SmallRyeConfig overridden = new SmallRyeConfigBuilder()
                .withSources(sources)
                .withSources(new PropertiesConfigSource(values, "fbx itself", OPTIONS_ORDINAL + 1))
                .build();
        return new Settings(overridden, tokenStore, tokenFile, demo, archive);
    }

    public Optional<String> get(String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public TokenStore tokenStore() {
        return tokenStore;
    }

    /** The token file as it was when the settings were resolved; empty when it does not exist. */
    public Optional<TokenFile> tokenFile() {
        return tokenFile;
    }

    /**
     * Whether this invocation talks to the built-in demo account: then no token file is read or
     * written, whatever {@link #tokenStore()} names.
     */
    public boolean demo() {
        return demo;
    }

    /** The files of a {@code --archive} run (several for a split export); empty when the source is an API or the demo. */
    public List<Path> archive() {
        return archive;
    }

    /** {@code --zone}: the account's time zone, when given; otherwise the source's is asked for. */
    public Optional<ZoneId> zone() {
        return get(ZONE).map(id -> {
            try {
                return ZoneId.of(id.trim());
            } catch (DateTimeException e) {
                throw FbxException.usage("--zone '" + id
                        + "' is not a time zone: give an IANA id such as Europe/Berlin or America/New_York.");
            }
        });
    }

    public Transport.Retry retry() {
        return new Transport.Retry(
                config.getOptionalValue("fbx.retry.attempts", Integer.class).orElse(4),
                Duration.ofMillis(config.getOptionalValue("fbx.retry.initial-delay-ms", Long.class)
                        .orElse(1000L)),
                Duration.ofMillis(config.getOptionalValue("fbx.retry.max-delay-ms", Long.class)
                        .orElse(30_000L)));
    }
}
