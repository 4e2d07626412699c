package dev.fbx.source;

import dev.fbx.FbxException;
import dev.fbx.api.Json;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenProvider;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The account's time zone: {@code --zone} when given, else cached in the token file, else read from
 * the provider once and cached there, so local times cost no extra request on later runs.
 */
final class AccountZone {
    private final TokenProvider tokens;
    /** The request that answers with the zone, for messages. */
    private final String source;
    /** Reads the zone's IANA id from the provider; null when the answer has none. */
    private final Supplier<String> lookup;

    private ZoneId zone;

    /** @param given the zone of {@code --zone}, or null to use the cached or reported one */
    AccountZone(TokenProvider tokens, ZoneId given, String source, Supplier<String> lookup) {
        this.tokens = tokens;
        this.source = source;
        this.lookup = lookup;
        this.zone = given;
    }

    ZoneId get() {
        if (zone == null) {
            String cached = tokens.current().get(TokenFile.TIMEZONE).orElse(null);
            if (cached != null) {
                zone = parse(cached, "cached in the token file as \"timezone\"");
            } else {
                String reported = lookup.get();
                if (reported == null) {
                    throw Json.malformed(source, "no time zone", null);
                }
                zone = remember(reported);
            }
        }
        return zone;
    }

    /** Caches a zone the provider reported (in a profile, say) if it differs from the cached one. */
    ZoneId remember(String id) {
        ZoneId reported = parse(id, "reported by the provider");
        if (!id.equals(tokens.current().get(TokenFile.TIMEZONE).orElse(null))) {
            tokens.update(file -> file.with(TokenFile.TIMEZONE, id));
        }
        zone = reported;
        return reported;
    }

    /** A zone id this JVM does not know is not cached: the next run asks the provider again. */
    private static ZoneId parse(String id, String where) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw FbxException.badData(
                    "The account's time zone '" + id + "' (" + where + ") is not a known IANA zone: remove"
                            + " \"timezone\" from the token file, or set the account's time zone in the Fitbit app.",
                    e);
        }
    }
}
