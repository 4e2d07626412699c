package dev.fbx.doctor;

import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.sink.CsvDirectorySink;
import dev.fbx.sink.Progress;
import dev.fbx.sink.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The newest day holding rows of each dataset in a sync's target ({@link Sink#newestData}): data
 * that stops while the syncs go on is a device that stopped syncing (or was not worn), which only
 * the user can tell apart, so it is reported, not failed.
 */
final class SyncData {
    /** Today and yesterday are fetched again by the next sync, and a night's data may come a day late. */
    static final int DAYS_BEFORE_STALE = 3;

    private SyncData() {
    }

    static List<Finding> check(Path dir, LocalDate today) {
        if (!Files.isDirectory(dir)) {
            return List.of(Finding.problem("sync directory", dir + " is not a directory: give the --out DIR of your 'fbx sync'.",
                    FbxException.USAGE));
        }
        if (!Files.exists(dir.resolve(Progress.FILE))) {
            return List.of(Finding.warning("sync directory", "no sync has run in " + dir + " yet: run 'fbx sync --out " + dir
                    + " --since yyyy-MM-dd'.", 0));
        }
        List<Finding> findings = new ArrayList<>();
        // Opening takes the directory's lock for a moment: a sync running now is said, not waited for.
        try (Sink sink = CsvDirectorySink.open(dir, null)) {
            for (Dataset dataset : Dataset.values()) {
                Optional<LocalDate> newest = sink.newestData(dataset);
                if (newest.isEmpty()) {
                    continue;
                }
                long age = ChronoUnit.DAYS.between(newest.get(), today);
                findings.add(age > DAYS_BEFORE_STALE
                        ? Finding.warning(dataset.id(), "newest data " + newest.get() + ", " + age + " days before today: if you wore"
                                + " the device since, it has stopped syncing (open the Fitbit app to sync it); else run 'fbx sync' again.", 0)
                        : Finding.ok(dataset.id(), "newest data " + newest.get()));
            }
        } catch (FbxException e) {
            if (e.exitCode() == FbxException.RATE_LIMITED) {
                return List.of(Finding.warning("sync directory", "a sync is writing " + dir + " now: run 'fbx doctor --out " + dir
                        + "' again when it is done.", 0));
            }
            return List.of(Finding.problem("sync directory", e.getMessage(), e.exitCode()));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.warning("sync directory", "no day with data in " + dir + " yet: if you wore the device on the"
                    + " days synced, check that it syncs (open the Fitbit app).", 0));
        }
        return findings;
    }
}
