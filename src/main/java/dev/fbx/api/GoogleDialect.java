package dev.fbx.api;

import dev.fbx.FbxException;
import java.time.Instant;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Google Health API's and Google OAuth's refusals ({@code google.rpc.Status} and OAuth error
 * bodies), each with the fix. Google announces no quota in headers (300 requests a minute per user);
 * a 429 may carry Retry-After, which {@link Transport} honours.
 */
public final class GoogleDialect implements ApiDialect {
    @Override
    public String name() {
        return "Google Health";
    }

    @Override
    public Quota quota(RestResponse<String> response, Instant now) {
        return Quota.UNKNOWN;
    }

    @Override
    public FbxException refusal(int status, ApiError error, String what) {
        if (error.is("invalid_grant")) {
            return FbxException.notAuthorised(
                    "Google rejected the refresh token (invalid_grant: expired or revoked). Apps left in"
                            + " 'Testing' on the OAuth consent screen lose their refresh tokens after 7 days: publish the app (Google Auth"
                            + " Platform > Audience > Publish app) so this stops happening, then run 'fbx auth login'.");
        }
        if (error.is("invalid_token")) {
            return FbxException.notAuthorised(
                    "Google no longer accepts the token (invalid_token: expired or revoked): run 'fbx auth login'.");
        }
        if (error.is("invalid_client", "unauthorized_client")) {
            return FbxException.config(
                    "Google does not accept the client id/secret" + error.describe()
                            + ": use the id and secret of a Desktop OAuth client of your Google Cloud project (FBX_CLIENT_ID, FBX_CLIENT_SECRET).");
        }
        if (error.is("ACCESS_TOKEN_SCOPE_INSUFFICIENT", "insufficient_scope")) {
            return FbxException.notAuthorised(
                    "Google Health refused " + what + ": the token lacks the scope it needs (see 'fbx doctor')."
                            + " Run 'fbx auth login' and allow every box Google offers (add the scope to the consent screen's Data access"
                            + " page first if Google does not offer it).");
        }
        if (error.is("SERVICE_DISABLED")) {
            return FbxException.notAuthorised(
                    "The Google Health API is not enabled in your Google Cloud project" + error.describe()
                            + ": enable it (APIs & Services > Library > Google Health API) and try again in a few minutes. If Google refuses"
                            + " to enable it (it has not been onboarding new projects), read your history from a Google Takeout export"
                            + " with '--archive FILE' instead.");
        }
        if (error.is("ACCOUNT_NOT_LINKED")) {
            return FbxException.notAuthorised("This Google account has no Fitbit data linked" + error.describe()
                    + ": migrate your Fitbit account to this Google account in the Fitbit app (or sign in with the Google account you"
                    + " migrated it to), then try again.");
        }
        if (status == 401) {
            return new UnauthorizedException(name(), error);
        }
        if (status == 403) {
            // PERMISSION_DENIED without a reason that names the cause: clients that migrated saw it on every call,
            // and removing the app's access in the Google account and granting it again fixed it.
            return FbxException.notAuthorised(
                    "Google Health refused " + what + error.describe() + ": remove fbx's access to your"
                            + " Google account (myaccount.google.com > Security > Your connections to third-party apps & services), then run"
                            + " 'fbx auth login' to grant it again.");
        }
        return new FbxException(
                FbxException.UNAVAILABLE,
                "Google Health rejected the request for " + what + " with HTTP " + status + error.describe()
                        + ". If this persists, please report it.");
    }
}
