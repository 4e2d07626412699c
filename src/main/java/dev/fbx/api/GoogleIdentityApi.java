package dev.fbx.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Google Health API's identity of the signed-in user ({@code healthUserId}): the cheapest
 * authenticated call, allowed by every read scope fbx asks for, so 'fbx auth status' uses it to
 * learn whether Google accepts the access token.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface GoogleIdentityApi {
    /** @param bearer {@code Bearer <access token>}: given per call, since the token is the thing being checked */
    @GET
    @Path("/v4/users/me/identity")
    RestResponse<String> identity(@HeaderParam("Authorization") String bearer);
}
