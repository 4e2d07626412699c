package dev.fbx.config;

import dev.fbx.auth.TokenFile;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The token file as the last configuration source: {@code client_id}, {@code client_secret} and
 * {@code provider} in {@code fb_conf.json} apply unless an option, the environment or a properties
 * file says otherwise.
 */
public final class TokenFileConfigSource implements ConfigSource {
    /** Below the packaged application.properties (250) and every other source. */
    public static final int ORDINAL = 100;

    private final Map<String, String> values = new HashMap<>();

    public TokenFileConfigSource(TokenFile file) {
        file.get(TokenFile.CLIENT_ID).ifPresent(v -> values.put("fbx.client-id", v));
        file.get(TokenFile.CLIENT_SECRET).ifPresent(v -> values.put("fbx.client-secret", v));
        file.get(TokenFile.PROVIDER).ifPresent(v -> values.put("fbx.provider", v));
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "token file";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
