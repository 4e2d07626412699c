package dev.fbx.api;

import dev.fbx.FbxException;

/** The API answered 401: the access token was expired, revoked or unknown. fbx refreshes once and retries once. */
public final class UnauthorizedException extends FbxException {
    public UnauthorizedException(String apiName, ApiError error) {
        super(
                NOT_AUTHORISED,
                apiName + " rejected the access token" + error.describe() + ": run 'fbx auth login' to sign in again.");
    }
}
