package dev.fbx.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long the refresh token has left, when the provider announced it: Google gives an OAuth app
 * left in "Testing" refresh tokens that die 7 days after sign-in, and says so in
 * {@code refresh_token_expires_in}, which fbx keeps as {@link TokenFile#REFRESH_TOKEN_EXPIRES_AT}.
 */
public final class RefreshTokenLife {
    /** Every command warns when less than this is left. */
    public static final Duration WARN_BELOW = Duration.ofDays(2);

    public static final String PUBLISH =
            "publish the OAuth app (Google Auth Platform > Audience > Publish app) so its refresh tokens"
                    + " stop expiring, then run 'fbx auth login' once more";

    private RefreshTokenLife() {}

    /** The time left (negative when already over); empty when no end was announced. */
    public static Optional<Duration> left(TokenFile tokens, Instant now) {
        return tokens.refreshTokenExpiresAt().map(end -> Duration.between(now, end));
    }

    /** The warning every command prints when the end is near (after "fbx: "); empty when it is not (or unknown). */
    public static Optional<String> warning(TokenFile tokens, Instant now) {
        return left(tokens, now)
                .filter(left -> left.compareTo(WARN_BELOW) < 0)
                .map(left -> "warning: "
                        + (left.isNegative()
                                ? "the refresh token has expired"
                                : "the refresh token expires in " + describe(left))
                        + " (the OAuth app is in 'Testing'): " + PUBLISH + ".");
    }

    /** "6 days 23 h", "1 day 2 h", "5 h 3 min", "12 min". */
    public static String describe(Duration duration) {
        Duration d = duration.abs();
        if (d.toDays() > 0) {
            return d.toDays() + (d.toDays() == 1 ? " day " : " days ") + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toMinutes() + " min";
    }
}
