package dev.fbx.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.RestResponse;

/** Fitbit's OAuth 2.0 endpoints, under the API's base URL. No bearer filter here: these authenticate the client. */
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public interface FitbitOAuth {
    /** @param authorization {@code Basic base64(id:secret)} when a secret is configured, else null (client_id in the form) */
    @POST
    @Path("/oauth2/token")
    RestResponse<String> token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form);

    @POST
    @Path("/oauth2/revoke")
    RestResponse<String> revoke(
            @HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form);

    @POST
    @Path("/1.1/oauth2/introspect")
    RestResponse<String> introspect(@HeaderParam("Authorization") String bearer, MultivaluedMap<String, String> form);
}
