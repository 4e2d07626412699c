package dev.fbx.doctor;

import dev.fbx.FbxException;
import dev.fbx.config.Settings;
import dev.fbx.dataset.Dataset;
import dev.fbx.sink.Progress;
import dev.fbx.sink.Sink;
import dev.fbx.sink.Sinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The newest day holding rows of each dataset in a sync's target ({@link Sink#newestData}): data
 * that stops while the syncs go on is a device that stopped syncing (or was not worn), which only
 * the user can tell apart, so it is reported, not failed.
 */
final class SyncData {
    /** Today and yesterday are fetched again by the next sync, and a night's data may come a day late. */
    static final int DAYS_BEFORE_STALE = 3;

    private SyncData() {}

    /**
     * @param target  {@code --out DIR} or {@code --db URL}
     * @param account the account whose rows to look at (a database holds many)
     * @param zone    the account's time zone where the target recorded none
     */
    static List<Finding> check(
            Sinks.Target target, Settings settings, Supplier<String> account, Clock clock, Supplier<ZoneId> zone) {
        Path dir = target.dir();
        if (dir != null && !Files.isDirectory(dir)) {
            return List.of(Finding.problem(
                    "sync directory",
                    dir + " is not a directory: give the --out DIR of your 'fbx sync'.",
                    FbxException.USAGE));
        }
        if (dir != null && !Files.exists(dir.resolve(Progress.FILE))) {
            return List.of(Finding.warning(
                    "sync directory",
                    "no sync has run in " + dir + " yet: run 'fbx sync --out " + dir + " --since yyyy-MM-dd'.",
                    0));
        }
        List<Finding> findings = new ArrayList<>();
        // Opening takes the target's lock for a moment: a sync running now is said, not waited for.
        try (Sink sink = Sinks.open(target, null, settings, account)) {
            LocalDate today = LocalDate.now(clock.withZone(sink.zone().orElseGet(zone)));
            for (Dataset<?> dataset : Dataset.values()) {
                Optional<LocalDate> newest = sink.newestData(dataset);
                if (newest.isEmpty()) {
                    continue;
                }
                long age = ChronoUnit.DAYS.between(newest.get(), today);
                findings.add(
                        age > DAYS_BEFORE_STALE
                                ? Finding.warning(
                                        dataset.id(),
                                        "newest data " + newest.get() + ", " + age + " days before today: if you wore"
                                                + " the device since, it has stopped syncing (open the Fitbit app to sync it); else run 'fbx sync' again.",
                                        0)
                                : Finding.ok(dataset.id(), "newest data " + newest.get()));
            }
        } catch (FbxException e) {
            if (e.exitCode() == FbxException.RATE_LIMITED) {
                return List.of(Finding.warning(
                        "sync target", "a sync is writing to it now: run 'fbx doctor' again when it is done.", 0));
            }
            return List.of(Finding.problem("sync target", e.getMessage(), e.exitCode()));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.warning(
                    "sync target",
                    "no day with data yet: if you wore the device on the"
                            + " days synced, check that it syncs (open the Fitbit app).",
                    0));
        }
        return findings;
    }
}
