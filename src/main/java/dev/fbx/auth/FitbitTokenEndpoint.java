package dev.fbx.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbx.FbxException;
import dev.fbx.api.FitbitOAuth;
import dev.fbx.api.Transport;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fitbit's token endpoint. Client authentication: HTTP Basic when a client secret is configured
 * (Server apps), else {@code client_id} in the form body (Personal and Client apps, as the seed did).
 */
public final class FitbitTokenEndpoint implements TokenEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FitbitOAuth oauth;
    private final Transport transport;
    private final String clientId;
    private final String clientSecret;

    public FitbitTokenEndpoint(FitbitOAuth oauth, Transport transport, String clientId, String clientSecret) {
        this.oauth = oauth;
        this.transport = transport;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public TokenGrant refresh(TokenFile tokens) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", tokens.refreshToken().orElseThrow());
        return grant(form, "a token refresh");
    }

    @Override
    public TokenGrant exchange(String code, String codeVerifier, String redirectUri) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("code_verifier", codeVerifier);
        form.add("redirect_uri", redirectUri);
        return grant(form, "the authorization code exchange");
    }

    @Override
    public void revoke(String token) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("token", token);
        String authorization = authenticate(form);
        transport.execute("token revocation", () -> oauth.revoke(authorization, form));
    }

    /** Posts a token request and reads the grant; {@link dev.fbx.api.FitbitDialect} names the rejections. */
    TokenGrant grant(MultivaluedMap<String, String> form, String what) {
        String authorization = authenticate(form);
        return parse(transport.execute(what, () -> oauth.token(authorization, form)));
    }

    /** Basic authentication with a secret, else client_id in the form; returns the Authorization header or null. */
    private String authenticate(MultivaluedMap<String, String> form) {
        if (clientId == null) {
            throw FbxException.config(
                    "No client id: set FBX_CLIENT_ID (or fbx.client-id), or put \"client_id\" in the token file.");
        }
        if (clientSecret == null) {
            form.putSingle("client_id", clientId);
            return null;
        }
        return "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    static TokenGrant parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String access = node.path("access_token").asText(null);
            if (access == null) {
                throw FbxException.badData(
                        "The token endpoint answered without an access token: try again later.", null);
            }
            return new TokenGrant(
                    access,
                    node.path("refresh_token").asText(null),
                    node.path("expires_in").asLong(0),
                    node.path("scope").asText(null),
                    node.path("user_id").asText(null),
                    node.path("token_type").asText(null),
                    node.path("refresh_token_expires_in").asLong(0));
        } catch (java.io.IOException e) {
            throw FbxException.badData("The token endpoint answered with a body that is not JSON: try again later.", e);
        }
    }
}
