package dev.fbx.doctor;

import dev.fbx.FbxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest day holding rows of each dataset in a sync directory ({@code DIR/<dataset>/<yyyy-MM-dd>.csv},
 * a header-only file being a day without data): data that stops while the syncs go on is a device
 * that stopped syncing (or was not worn), which only the user can tell apart, so it is reported, not failed.
 */
final class SyncData {
    /** Today and yesterday are fetched again by the next sync, and a night's data may come a day late. */
    static final int DAYS_BEFORE_STALE = 3;

    private SyncData() {
    }

    static List<Finding> check(Path dir, List<String> datasets, LocalDate today) {
        if (!Files.isDirectory(dir)) {
            return List.of(Finding.problem("sync directory", dir + " is not a directory: give the --out DIR of your 'fbx sync'.",
                    FbxException.USAGE));
        }
        List<Finding> findings = new ArrayList<>();
        for (String dataset : datasets) {
            Path folder = dir.resolve(dataset);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            Optional<LocalDate> newest;
            try {
                newest = newestData(folder);
            } catch (IOException e) {
                findings.add(Finding.problem(dataset, "cannot read " + folder + " (" + e.getMessage() + "): check its permissions.",
                        FbxException.IO_ERROR));
                continue;
            }
            if (newest.isEmpty()) {
                findings.add(Finding.warning(dataset, "no day with data yet in " + folder
                        + ": if you wore the device on those days, check it syncs (open the Fitbit app).", 0));
                continue;
            }
            long age = ChronoUnit.DAYS.between(newest.get(), today);
            if (age > DAYS_BEFORE_STALE) {
                findings.add(Finding.warning(dataset, "newest data " + newest.get() + ", " + age + " days before today: if you wore"
                        + " the device since, it has stopped syncing (open the Fitbit app to sync it); else run 'fbx sync' again.", 0));
            } else {
                findings.add(Finding.ok(dataset, "newest data " + newest.get()));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.warning("sync directory", "no synced data in " + dir + " yet: run 'fbx sync --out " + dir
                    + " --since yyyy-MM-dd'.", 0));
        }
        return findings;
    }

    /** The newest {@code yyyy-MM-dd.csv} in {@code folder} with a row under its header. */
    static Optional<LocalDate> newestData(Path folder) throws IOException {
        List<LocalDate> days = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> day(file).ifPresent(days::add));
        }
        days.sort(Comparator.reverseOrder());
        for (LocalDate day : days) {
            try (BufferedReader reader = Files.newBufferedReader(folder.resolve(day + ".csv"), StandardCharsets.UTF_8)) {
                if (reader.readLine() != null && reader.readLine() != null) {
                    return Optional.of(day);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> day(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".csv")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name.substring(0, name.length() - ".csv".length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
