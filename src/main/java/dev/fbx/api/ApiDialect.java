package dev.fbx.api;

import dev.fbx.FbxException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;

/** What differs between the APIs fbx speaks, as far as sending a request and reading its outcome goes. */
public interface ApiDialect {
    /** How the API is named in messages: "Fitbit", "Google Health". */
    String name();

    /** The quota the response's headers announce ({@link Quota#UNKNOWN} if none). */
    Quota quota(RestResponse<String> response, Instant now);

    /**
     * The failure for a 4xx answer other than 429: what happened and what to do about it. A 401 for
     * a rejected access token must be an {@link UnauthorizedException}, which makes fbx refresh once.
     */
    FbxException refusal(int status, ApiError error, String what);

    /** Why this API cannot be used any more and what to do instead; empty while it is live. */
    default Optional<String> retired() {
        return Optional.empty();
    }

    /** Reads a header whatever case the server used for its name; null when absent. */
    static String header(RestResponse<String> response, String name) {
        for (var entry : response.getStringHeaders().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** A header's value as a whole number; null when absent or not a number. */
    static Long longHeader(RestResponse<String> response, String name) {
        String value = header(response, name);
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
