package dev.fbx.auth;

/** A provider's OAuth token endpoint, as far as keeping a session alive goes. */
public interface TokenEndpoint {
    /**
     * Spends {@code tokens}' refresh token for a new grant. A lost answer is retried with the same
     * refresh token; a rejected one throws an exception with exit code 77.
     */
    TokenGrant refresh(TokenFile tokens);
}
