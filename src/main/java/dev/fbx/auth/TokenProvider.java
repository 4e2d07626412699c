package dev.fbx.auth;

import dev.fbx.FbxException;
import dev.fbx.api.UnauthorizedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Owns the current access token: refreshes it ahead of expiry and once after the API rejects it,
 * under the token file's lock, and persists the new pair before anything uses it.
 */
public final class TokenProvider {
    private static final Logger LOG = Logger.getLogger(TokenProvider.class);
    /** Refresh this long before the announced expiry, so a token does not die in flight. */
    private static final Duration EARLY = Duration.ofSeconds(60);

    private final TokenStorage store;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private volatile TokenFile current;

    public TokenProvider(TokenStorage store, TokenFile initial, TokenEndpoint endpoint, Clock clock) {
        this.store = store;
        this.current = initial;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** The access token the bearer filter sends; empty before the first refresh of a file without one. */
    public String accessToken() {
        return current.accessToken().orElse("");
    }

    public TokenFile current() {
        return current;
    }

    /**
     * Runs an API call with a usable token: refreshes first if the token has expired, and if the
     * API rejects the token anyway, refreshes once and runs the call once more.
     */
    public <T> T authorized(Supplier<T> call) {
        if (needsRefresh(current)) {
            refresh(current.accessToken().orElse(null));
        }
        String used = accessToken();
        try {
            return call.get();
        } catch (UnauthorizedException rejected) {
            LOG.debug("access token rejected; refreshing once");
            refresh(used);
            return call.get();
        }
    }

    private boolean needsRefresh(TokenFile tokens) {
        Instant expiresAt = tokens.expiresAt().orElse(null);
        return tokens.accessToken().isEmpty()
                || expiresAt != null && !clock.instant().plus(EARLY).isBefore(expiresAt);
    }

    /**
     * Replaces {@code rejected} with a fresh token. If another process already replaced it (the
     * file holds a different, unexpired token), that one is used and no refresh token is spent.
     */
    public void refresh(String rejected) {
        current = store.locked(() -> {
            TokenFile onDisk = store.read().orElse(current);
            if (!Objects.equals(onDisk.accessToken().orElse(null), rejected) && !needsRefresh(onDisk)) {
                LOG.debug("another process refreshed the token; using its token");
                return onDisk;
            }
            if (onDisk.refreshToken().isEmpty()) {
                throw FbxException.notAuthorised("There is no refresh token in " + store.describe()
                        + ", so fbx cannot renew the session: run 'fbx auth login'.");
            }
            TokenFile renewed = onDisk.withGrant(endpoint.refresh(onDisk), clock.instant());
            try {
                store.write(renewed);
            } catch (FbxException e) {
                // The old refresh token may be spent already; Fitbit answers a repeat within two minutes.
                throw new FbxException(
                        e.exitCode(),
                        e.getMessage() + " The provider already issued new tokens: fix this and run fbx"
                                + " again within two minutes to get them once more, else run 'fbx auth login'.",
                        e);
            }
            LOG.debug("access token refreshed and saved");
            return renewed;
        });
    }

    /** Changes fields of the token file (a cached time zone, say) without losing a concurrent refresh. */
    public void update(UnaryOperator<TokenFile> change) {
        current = store.locked(() -> {
            TokenFile updated = change.apply(store.read().orElse(current));
            store.write(updated);
            return updated;
        });
    }
}
