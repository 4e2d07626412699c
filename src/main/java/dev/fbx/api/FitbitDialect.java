package dev.fbx.api;

import dev.fbx.FbxException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;

/** Fitbit's quota headers ({@code Fitbit-Rate-Limit-*}, any case) and what its refusals mean. */
public final class FitbitDialect implements ApiDialect {
    @Override
    public String name() {
        return "Fitbit";
    }

    @Override
    public Optional<String> retired() {
        return Optional.of(
                "the legacy Fitbit Web API was turned off on 2 November 2026 (it answers HTTP 410 Gone): " + WAY_OUT);
    }

    @Override
    public Quota quota(RestResponse<String> response, Instant now) {
        Long remaining = ApiDialect.longHeader(response, "Fitbit-Rate-Limit-Remaining");
        Long reset = ApiDialect.longHeader(response, "Fitbit-Rate-Limit-Reset");
        return new Quota(
                remaining == null ? null : remaining.intValue(), reset == null ? null : now.plusSeconds(reset));
    }

    /** What to do now that the legacy Fitbit Web API is off: the line a 410 ends fbx with, and doctor's advice. */
    public static final String WAY_OUT =
            "sign in with Google instead ('fbx auth login --provider google', see the README),"
                    + " and read your whole history from a Google Takeout export of your Fitbit data with '--archive FILE'.";

    /** The legacy Fitbit Web API and its OAuth endpoints were turned off; every request gets a 410. */
    public static FbxException retired(String what) {
        return new FbxException(
                FbxException.UNAVAILABLE,
                "The legacy Fitbit Web API was turned off on 2 November 2026 (HTTP 410 Gone for " + what + "): "
                        + WAY_OUT);
    }

    @Override
    public FbxException refusal(int status, ApiError error, String what) {
        if (status == 410) {
            return retired(what);
        }
        if (error.is("invalid_grant")) {
            return FbxException.notAuthorised(
                    "Fitbit rejected the refresh token (invalid_grant): it was revoked, or already used by"
                            + " another copy of the token file. Run 'fbx auth login' to sign in again.");
        }
        if (status == 403 || error.is("insufficient_scope", "insufficient_permissions", "PERMISSION_DENIED")) {
            return FbxException.notAuthorised("Fitbit refused " + what + error.describe()
                    + ": the token lacks a scope fbx needs. Run 'fbx auth login' to grant it.");
        }
        if (error.is("invalid_client")) {
            return FbxException.config(
                    "Fitbit does not accept the client id/secret" + error.describe()
                            + ": check fbx.client-id / FBX_CLIENT_ID (and the secret) against your app at dev.fitbit.com/apps.");
        }
        if (status == 401) {
            return new UnauthorizedException(name(), error);
        }
        return new FbxException(
                FbxException.UNAVAILABLE,
                "Fitbit rejected the request for " + what + " with HTTP " + status + error.describe()
                        + ". If this persists, please report it.");
    }
}
