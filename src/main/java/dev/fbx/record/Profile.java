package dev.fbx.record;

import java.util.List;

/**
 * {@code profile}: who the token belongs to and the time zone fbx uses for local times.
 * Not a {@link Row}: it is printed as a short report, not a table.
 *
 * @param devices each paired device, as "name (last sync time)"
 */
public record Profile(String userId, String displayName, String timezone, List<String> devices) {}
