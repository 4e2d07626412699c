package dev.fbx.auth;

import dev.fbx.FbxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The session a token file holds at its provider: what 'fbx auth status | refresh | logout' do. */
public final class Account {
    /**
     * @param refreshed whether the access token had expired (or was rejected) and was renewed to answer
     * @param problem   why the session is not usable, or null when the provider accepts the token
     */
    public record Status(
            Optional<String> userId,
            Optional<String> scope,
            Optional<Instant> expiresAt,
            boolean refreshed,
            FbxException problem) {
        public boolean usable() {
            return problem == null;
        }
    }

    public enum Logout {
        /** The provider revoked the tokens. */
        REVOKED,
        /** The provider no longer knew the tokens (expired or revoked before). */
        ALREADY_INVALID,
        /** The file held no token to revoke. */
        NO_TOKENS
    }

    private final TokenStore store;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    public Account(TokenStore store, TokenEndpoint endpoint, Clock clock) {
        this.store = store;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /**
     * Asks the provider whether it accepts the access token. An expired one is renewed first, as
     * every command would, so a usable status means the next command works.
     */
    public Status status(TokenCheck check) {
        TokenFile file = store.require();
        TokenProvider tokens = new TokenProvider(store, file, endpoint, clock);
        Optional<String> userId = Optional.empty();
        FbxException problem = null;
        try {
            userId = tokens.authorized(() -> check.userId(tokens.accessToken()));
        } catch (FbxException e) {
            if (e.exitCode() != FbxException.NOT_AUTHORISED) {
                throw e;
            }
            problem = e;
        }
        TokenFile now = tokens.current();
        boolean refreshed = !Objects.equals(file.accessToken(), now.accessToken());
        return new Status(
                userId.or(() -> now.get(TokenFile.USER_ID)),
                now.get(TokenFile.SCOPE),
                now.expiresAt(),
                refreshed,
                problem);
    }

    /** Spends the refresh token now and saves the new pair; returns the file as saved. */
    public TokenFile refresh() {
        TokenFile file = store.require();
        TokenProvider tokens = new TokenProvider(store, file, endpoint, clock);
        tokens.refresh(file.accessToken().orElse(null));
        return tokens.current();
    }

    /**
     * Revokes the session at the provider, then removes the tokens and their expiry from the file;
     * every other field stays. Holds the file's lock throughout, so no other fbx process spends
     * the refresh token meanwhile. If the provider cannot be reached, the file is left as it was.
     */
    public Logout logout() {
        return store.locked(() -> {
            TokenFile file = store.require();
            // Revoking either token ends the whole grant on both providers; the refresh token outlives the access
            // token.
            Optional<String> token = file.refreshToken().or(file::accessToken);
            Logout outcome = Logout.NO_TOKENS;
            if (token.isPresent()) {
                try {
                    endpoint.revoke(token.get());
                    outcome = Logout.REVOKED;
                } catch (FbxException e) {
                    if (e.exitCode() != FbxException.NOT_AUTHORISED) {
                        throw e;
                    }
                    outcome = Logout.ALREADY_INVALID;
                }
            }
            store.write(file.with(TokenFile.ACCESS_TOKEN, null)
                    .with(TokenFile.REFRESH_TOKEN, null)
                    .with(TokenFile.EXPIRES_AT, null)
                    .with(TokenFile.REFRESH_TOKEN_EXPIRES_AT, null));
            return outcome;
        });
    }
}
