package dev.fbx.auth;

/**
 * What a token endpoint answered; {@code refreshToken} is null when it did not rotate it.
 *
 * @param refreshTokenExpiresIn seconds the refresh token lives, when the provider says (Google does
 *                              for an OAuth app in "Testing": 7 days); 0 when it does not
 */
public record TokenGrant(
        String accessToken,
        String refreshToken,
        long expiresIn,
        String scope,
        String userId,
        String tokenType,
        long refreshTokenExpiresIn) {
    public TokenGrant(
            String accessToken, String refreshToken, long expiresIn, String scope, String userId, String tokenType) {
        this(accessToken, refreshToken, expiresIn, scope, userId, tokenType, 0);
    }

    @Override
    public String toString() {
        return "TokenGrant[expiresIn=" + expiresIn + ", scope=" + scope + ", refreshTokenExpiresIn="
                + refreshTokenExpiresIn + "]";
    }
}
