package dev.fbx.doctor;

import dev.fbx.FbxException;
import dev.fbx.archive.Archive;
import dev.fbx.archive.ArchiveSource;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.origin.Connection;
import dev.fbx.source.Streams;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code fbx --archive FILE doctor}: whether an archive can be read whole. Its layout and parts,
 * the account's time zone, and for each dataset the days it covers, found by reading every entry
 * once (the finest heart rate stands for the coarser ones, which read the same files): an entry
 * that cannot be read is a problem (65) that names it.
 */
final class ArchiveCheck {
    /** Read once for all heart-rate resolutions: the same files. */
    private static final List<Dataset<?>> SAME_FILES = List.of(Dataset.HR_15MIN, Dataset.HR_5MIN, Dataset.HR_1MIN);

    private ArchiveCheck() {}

    static List<Finding> check(Connection connection) {
        ArchiveSource source = (ArchiveSource) connection.source();
        Archive archive = source.archive();
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.ok(
                "archive",
                archive.layout().label() + ", " + archive.dataFiles() + " data files in "
                        + (archive.parts().size() == 1
                                ? archive.parts().get(0)
                                : archive.parts().size() + " parts (" + String.join(", ", archive.parts()) + ")")));
        try {
            findings.add(Finding.ok("time zone", connection.zone() + " (from " + source.zoneOrigin() + ")"));
        } catch (FbxException e) {
            findings.add(Finding.problem("time zone", e.getMessage(), e.exitCode()));
            return findings;
        }
        DateRange all = source.coverage().orElse(null);
        Streams streams = source.streams();
        for (Dataset<?> dataset : Dataset.values()) {
            if (SAME_FILES.contains(dataset)) {
                continue;
            }
            if (!streams.has(dataset)) {
                findings.add(Finding.warning(dataset.id(), "none: " + streams.whyNot(dataset), 0));
                continue;
            }
            findings.add(
                    all == null
                            ? Finding.warning(dataset.id(), "none: no data file of the archive is dated", 0)
                            : covered(streams, dataset, all));
        }
        return findings;
    }

    /** The days of {@code all} with rows of {@code dataset}: every one of its entries read. */
    private static Finding covered(Streams streams, Dataset<?> dataset, DateRange all) {
        TreeSet<LocalDate> days = new TreeSet<>();
        try {
            streams.read(dataset, all, row -> days.add(row.day()));
        } catch (FbxException e) {
            return Finding.problem(dataset.id(), e.getMessage(), e.exitCode());
        }
        if (days.isEmpty()) {
            return Finding.warning(dataset.id(), "no rows in its files from " + all.start() + " to " + all.end(), 0);
        }
        return Finding.ok(
                dataset.id(),
                days.first() + " to " + days.last() + ", " + days.size() + (days.size() == 1 ? " day" : " days")
                        + " with data"
                        + (dataset == Dataset.HR_1SEC ? " (the same files give hr-1min, hr-5min and hr-15min)" : ""));
    }
}
