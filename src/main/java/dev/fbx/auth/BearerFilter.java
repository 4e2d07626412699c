package dev.fbx.auth;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts the current access token on each data request. It only reads the token held in memory:
 * refreshing blocks, and filters run on the event loop, so {@link TokenProvider#authorized}
 * refreshes above the client call instead.
 */
public final class BearerFilter implements ClientRequestFilter {
    private final TokenProvider tokens;

    public BearerFilter(TokenProvider tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.accessToken());
    }
}
