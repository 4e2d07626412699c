package dev.fbx.auth;

/** A provider's OAuth 2.0 token endpoints: the authorization-code exchange, refresh and revocation. */
public interface TokenEndpoint {
    /**
     * Spends {@code tokens}' refresh token for a new grant. A lost answer is retried with the same
     * refresh token; a rejected one throws an exception with exit code 77.
     */
    TokenGrant refresh(TokenFile tokens);

    /** Exchanges an authorization code (PKCE) for the first grant. */
    TokenGrant exchange(String code, String codeVerifier, String redirectUri);

    /**
     * Whether a refresh keeps the refresh token valid (no rotation), so that spending one only to
     * learn what the provider says about the session costs nothing. Fitbit's are single-use.
     */
    default boolean refreshKeepsRefreshToken() {
        return false;
    }

    /** Revokes {@code token} (an access or refresh token) at the provider. */
    void revoke(String token);
}
