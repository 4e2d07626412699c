package dev.fbx.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Google's OAuth 2.0 token and revocation endpoints. Each has a URL of its own
 * ({@code fbx.google.token-url}, {@code fbx.google.revoke-url}), so a client is built per URL and
 * posts to it as is. The client id and secret travel in the form body.
 */
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public interface GoogleOAuth {
    @POST
    RestResponse<String> post(MultivaluedMap<String, String> form);
}
