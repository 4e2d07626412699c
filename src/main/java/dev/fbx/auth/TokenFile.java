package dev.fbx.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The contents of {@code fb_conf.json}: the seed's three fields plus the optional ones (docs/commands.md, "The token file").
 * Immutable; every change makes a copy that keeps the fields fbx does not know.
 */
public final class TokenFile {
    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String PROVIDER = "provider";
    public static final String EXPIRES_AT = "expires_at";
    public static final String SCOPE = "scope";
    public static final String USER_ID = "user_id";
    public static final String TOKEN_TYPE = "token_type";
    public static final String TIMEZONE = "timezone";
    /** When the refresh token dies, if the provider announced it (Google, for an OAuth app in "Testing"). */
    public static final String REFRESH_TOKEN_EXPIRES_AT = "refresh_token_expires_at";

    private final ObjectNode node;

    TokenFile(ObjectNode node) {
        this.node = node;
    }

    public static TokenFile empty() {
        return new TokenFile(JsonNodeFactory.instance.objectNode());
    }

    ObjectNode json() {
        return node.deepCopy();
    }

    public Optional<String> get(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank()
                ? Optional.empty()
                : Optional.of(value.asText());
    }

    public TokenFile with(String field, String value) {
        ObjectNode copy = node.deepCopy();
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return new TokenFile(copy);
    }

    /** The account's time zone as cached; empty when there is none, or none this JVM knows. */
    public Optional<ZoneId> zone() {
        return get(TIMEZONE).flatMap(id -> {
            try {
                return Optional.of(ZoneId.of(id));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        });
    }

    public Optional<String> accessToken() {
        return get(ACCESS_TOKEN);
    }

    public Optional<String> refreshToken() {
        return get(REFRESH_TOKEN);
    }

    /** When the access token expires; empty when the file does not say (the seed's format). */
    public Optional<Instant> expiresAt() {
        try {
            return get(EXPIRES_AT).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** When the refresh token dies; empty when the provider did not announce it (a published app, Fitbit). */
    public Optional<Instant> refreshTokenExpiresAt() {
        try {
            return get(REFRESH_TOKEN_EXPIRES_AT).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Applies a token endpoint's answer: a grant without a new refresh token keeps the old one. */
    public TokenFile withGrant(TokenGrant grant, Instant now) {
        TokenFile updated = with(ACCESS_TOKEN, grant.accessToken())
                .with(
                        EXPIRES_AT,
                        grant.expiresIn() > 0
                                ? now.plusSeconds(grant.expiresIn()).toString()
                                : null);
        if (grant.refreshToken() != null) {
            // A new refresh token's life is what this answer says, or unknown.
            updated = updated.with(REFRESH_TOKEN, grant.refreshToken()).with(REFRESH_TOKEN_EXPIRES_AT, null);
        }
        if (grant.refreshTokenExpiresIn() > 0) {
            updated = updated.with(
                    REFRESH_TOKEN_EXPIRES_AT,
                    now.plusSeconds(grant.refreshTokenExpiresIn()).toString());
        }
        for (String[] field :
                new String[][] {{SCOPE, grant.scope()}, {USER_ID, grant.userId()}, {TOKEN_TYPE, grant.tokenType()}}) {
            if (field[1] != null) {
                updated = updated.with(field[0], field[1]);
            }
        }
        return updated;
    }
}
