package dev.fbx.auth;

import dev.fbx.FbxException;
import dev.fbx.api.GoogleOAuth;
import dev.fbx.api.Transport;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Google's token endpoint for a Desktop OAuth client: {@code client_id} and {@code client_secret}
 * in the form body (Desktop secrets are not confidential, but Google requires them). A refresh
 * normally returns no new refresh token; {@link TokenFile#withGrant} then keeps the old one.
 */
public final class GoogleTokenEndpoint implements TokenEndpoint {
    private final GoogleOAuth token;
    private final GoogleOAuth revoke;
    private final Transport transport;
    private final String clientId;
    private final String clientSecret;

    public GoogleTokenEndpoint(
            GoogleOAuth token, GoogleOAuth revoke, Transport transport, String clientId, String clientSecret) {
        this.token = token;
        this.revoke = revoke;
        this.transport = transport;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public TokenGrant refresh(TokenFile tokens) {
        MultivaluedMap<String, String> form = client();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", tokens.refreshToken().orElseThrow());
        return FitbitTokenEndpoint.parse(transport.execute("a token refresh", () -> token.post(form)));
    }

    @Override
    public TokenGrant exchange(String code, String codeVerifier, String redirectUri) {
        MultivaluedMap<String, String> form = client();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("code_verifier", codeVerifier);
        form.add("redirect_uri", redirectUri);
        return FitbitTokenEndpoint.parse(transport.execute("the authorization code exchange", () -> token.post(form)));
    }

    @Override
    public boolean refreshKeepsRefreshToken() {
        return true;
    }

    @Override
    public void revoke(String tokenToRevoke) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("token", tokenToRevoke);
        transport.execute("token revocation", () -> revoke.post(form));
    }

    private MultivaluedMap<String, String> client() {
        if (clientId == null || clientSecret == null) {
            throw FbxException.config(
                    "The google provider needs a client id and secret: set FBX_CLIENT_ID and FBX_CLIENT_SECRET"
                            + " (or client_id / client_secret in the token file) from your Google Cloud Desktop OAuth client.");
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        return form;
    }
}
