package dev.fbx.auth;

import java.util.Optional;

/** Asks the provider whether it accepts an access token, without using it for anything else. */
@FunctionalInterface
public interface TokenCheck {
    /**
     * @return the user id the provider reports for the token, if it says
     * @throws dev.fbx.api.UnauthorizedException when the provider rejects the token
     */
    Optional<String> userId(String accessToken);
}
