package dev.fbx.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Google Health API v4 calls fbx makes, as the discovery document (revision 20261002) names
 * them; the user is always {@code users/me}. Data types go in the URL with hyphens
 * ({@code daily-resting-heart-rate}). Bodies come back raw, as with {@link FitbitApi}, and the
 * roll-up requests go out as JSON text the source builds.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface GoogleHealthApi {
    /**
     * {@code users.dataTypes.dataPoints.list}: newest first, one page at a time.
     *
     * @param filter    e.g. {@code heart_rate.sample_time.physical_time >= "…Z" AND heart_rate.sample_time.physical_time < "…Z"}
     * @param pageSize  at most 10000 (25 for sleep)
     * @param pageToken the previous page's {@code nextPageToken}, or null for the first page
     */
    @GET
    @Path("/v4/users/me/dataTypes/{dataType}/dataPoints")
    RestResponse<String> list(
            @PathParam("dataType") String dataType,
            @QueryParam("filter") String filter,
            @QueryParam("pageSize") int pageSize,
            @QueryParam("pageToken") String pageToken);

    /**
     * {@code users.dataTypes.dataPoints.reconcile}: the points of every data source (a phone and a
     * watch) merged "into a single data stream", where {@link #list} returns each source's own points.
     * The default family ({@code all-sources}) is meant: narrowing it to {@code google-wearables} has
     * dropped Fitbit-sourced data in clients that migrated.
     */
    @GET
    @Path("/v4/users/me/dataTypes/{dataType}/dataPoints:reconcile")
    RestResponse<String> reconcile(
            @PathParam("dataType") String dataType,
            @QueryParam("filter") String filter,
            @QueryParam("pageSize") int pageSize,
            @QueryParam("pageToken") String pageToken);

    /** {@code users.dataTypes.dataPoints.rollUp}: a {@code RollUpDataPointsRequest} (physical time windows). */
    @POST
    @Path("/v4/users/me/dataTypes/{dataType}/dataPoints:rollUp")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<String> rollUp(@PathParam("dataType") String dataType, String request);

    /** {@code users.dataTypes.dataPoints.dailyRollUp}: a {@code DailyRollUpDataPointsRequest} (civil days). */
    @POST
    @Path("/v4/users/me/dataTypes/{dataType}/dataPoints:dailyRollUp")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<String> dailyRollUp(@PathParam("dataType") String dataType, String request);

    /** {@code users.getSettings}: {@code timeZone} (IANA) and {@code utcOffset}. */
    @GET
    @Path("/v4/users/me/settings")
    RestResponse<String> settings();

    /** {@code users.getIdentity}: {@code healthUserId} and the {@code legacyUserId} of the Fitbit account. */
    @GET
    @Path("/v4/users/me/identity")
    RestResponse<String> identity();

    /** {@code users.pairedDevices.list}. */
    @GET
    @Path("/v4/users/me/pairedDevices")
    RestResponse<String> pairedDevices(@QueryParam("pageSize") int pageSize);
}
