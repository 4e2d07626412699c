package dev.fbx.auth;

/** What a token endpoint answered; {@code refreshToken} is null when it did not rotate it. */
public record TokenGrant(String accessToken, String refreshToken, long expiresIn, String scope, String userId, String tokenType) {
    @Override
    public String toString() {
        return "TokenGrant[expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
