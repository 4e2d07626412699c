package dev.fbx.source;

import dev.fbx.dataset.DateRange;
import dev.fbx.record.Profile;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Where one run's data comes from, as provider-neutral records: the account's profile, and a table
 * of streams, one per dataset the source serves. A dataset a source cannot serve has no stream,
 * and fbx says so instead of asking.
 */
public interface Source extends AutoCloseable {
    /** Who the data belongs to, its time zone and devices; asking may cost a request. */
    Profile profile();

    /**
     * The id that keys this account's rows in a database: the legacy Fitbit user id where the
     * source knows it (an archive's profile, Fitbit's user, Google's identity), so that one person
     * is one account whichever source synced them; null when the source names none. At most one
     * request.
     */
    default String account() {
        return profile().userId();
    }

    /**
     * The account's time zone, which makes local times and "today": cached where the source can
     * keep it (the token file), else asked for once (one request) or read (an archive's profile).
     */
    ZoneId zone();

    /** The streams this source serves, by dataset. */
    Streams streams();

    /** The days this source holds, when it knows them (an archive); an API has data up to today. */
    default Optional<DateRange> coverage() {
        return Optional.empty();
    }

    @Override
    default void close() {}
}
