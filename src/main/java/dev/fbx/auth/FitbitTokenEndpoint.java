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

    /** Posts a token request and reads the grant; {@link dev.fbx.api.FitbitDialect} names the rejections. */
    TokenGrant grant(MultivaluedMap<String, String> form, String what) {
        if (clientId == null) {
            throw FbxException.config("No client id: set FBX_CLIENT_ID (or fbx.client-id), or put \"client_id\" in the token file.");
        }
        String basic = null;
        if (clientSecret == null) {
            form.putSingle("client_id", clientId);
        } else {
            basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        }
        String authorization = basic;
        return parse(transport.execute(what, () -> oauth.token(authorization, form)));
    }

    static TokenGrant parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String access = node.path("access_token").asText(null);
            if (access == null) {
                throw FbxException.badData("The token endpoint answered without an access token: try again later.", null);
            }
            return new TokenGrant(access, node.path("refresh_token").asText(null), node.path("expires_in").asLong(0),
                    node.path("scope").asText(null), node.path("user_id").asText(null), node.path("token_type").asText(null));
        } catch (java.io.IOException e) {
            throw FbxException.badData("The token endpoint answered with a body that is not JSON: try again later.", e);
        }
    }

}
