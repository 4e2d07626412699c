package dev.fbx.api;

import dev.fbx.FbxException;
import java.time.Instant;
import org.jboss.resteasy.reactive.RestResponse;

/** Fitbit's quota headers ({@code Fitbit-Rate-Limit-*}, any case) and what its refusals mean. */
public final class FitbitDialect implements ApiDialect {
    @Override
    public String name() {
        return "Fitbit";
    }

    @Override
    public Quota quota(RestResponse<String> response, Instant now) {
        Long remaining = ApiDialect.longHeader(response, "Fitbit-Rate-Limit-Remaining");
        Long reset = ApiDialect.longHeader(response, "Fitbit-Rate-Limit-Reset");
        return new Quota(remaining == null ? null : remaining.intValue(), reset == null ? null : now.plusSeconds(reset));
    }

    @Override
    public FbxException refusal(int status, ApiError error, String what) {
        if (error.is("invalid_grant")) {
            return FbxException.notAuthorised("Fitbit rejected the refresh token (invalid_grant): it was revoked, or already used by"
                    + " another copy of the token file. Run 'fbx auth login' to sign in again.");
        }
        if (status == 403 || error.is("insufficient_scope", "insufficient_permissions", "PERMISSION_DENIED")) {
            return FbxException.notAuthorised("Fitbit refused " + what + error.describe()
                    + ": the token lacks a scope fbx needs. Run 'fbx auth login' to grant it.");
        }
        if (error.is("invalid_client")) {
            return FbxException.config("Fitbit does not accept the client id/secret" + error.describe()
                    + ": check fbx.client-id / FBX_CLIENT_ID (and the secret) against your app at dev.fitbit.com/apps.");
        }
        if (status == 401) {
            return new UnauthorizedException(name(), error);
        }
        return new FbxException(FbxException.UNAVAILABLE, "Fitbit rejected the request for " + what + " with HTTP " + status
                + error.describe() + ". If this persists, please report it.");
    }
}
