package dev.fbx.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The legacy Fitbit Web API calls fbx makes ({@code -} is the token's own user). Bodies come back
 * raw so that {@link Transport} sees every status and header and the source decodes the JSON,
 * naming the call when it cannot.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface FitbitApi {
    @GET
    @Path("/1/user/-/activities/heart/date/{start}/{end}.json")
    RestResponse<String> heartRate(@PathParam("start") String start, @PathParam("end") String end);

    @GET
    @Path("/1/user/-/activities/heart/date/{date}/1d/{detail}.json")
    RestResponse<String> heartRateIntraday(@PathParam("date") String date, @PathParam("detail") String detail);

    @GET
    @Path("/1/user/-/hrv/date/{start}/{end}.json")
    RestResponse<String> hrv(@PathParam("start") String start, @PathParam("end") String end);

    @GET
    @Path("/1/user/-/hrv/date/{start}/{end}/all.json")
    RestResponse<String> hrvIntraday(@PathParam("start") String start, @PathParam("end") String end);

    /** A bare JSON array, unlike the other summaries. */
    @GET
    @Path("/1/user/-/spo2/date/{start}/{end}.json")
    RestResponse<String> spo2(@PathParam("start") String start, @PathParam("end") String end);

    /** SpO2 readings per night, a bare list (at most 30 days; needs intraday access). */
    @GET
    @Path("/1/user/-/spo2/date/{start}/{end}/all.json")
    RestResponse<String> spo2Intraday(@PathParam("start") String start, @PathParam("end") String end);

    @GET
    @Path("/1/user/-/br/date/{start}/{end}.json")
    RestResponse<String> breathingRate(@PathParam("start") String start, @PathParam("end") String end);

    @GET
    @Path("/1/user/-/temp/skin/date/{start}/{end}.json")
    RestResponse<String> skinTemperature(@PathParam("start") String start, @PathParam("end") String end);

    /** Sleep logs v1.2 (with stages), each belonging to the day it ends on ({@code dateOfSleep}). */
    @GET
    @Path("/1.2/user/-/sleep/date/{start}/{end}.json")
    RestResponse<String> sleep(@PathParam("start") String start, @PathParam("end") String end);

    @GET
    @Path("/1/user/-/profile.json")
    RestResponse<String> profile();

    @GET
    @Path("/1/user/-/devices.json")
    RestResponse<String> devices();
}
