package dev.fbx.sink;

import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.output.AtomicFile;
import dev.fbx.output.Format;
import dev.fbx.output.RowWriter;
import dev.fbx.record.Row;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded sink: {@code DIR/<dataset>/<yyyy-MM-dd>.csv}, one file per dataset and day with
 * the matching command's columns (the header only on a day without data), written atomically, and
 * {@code DIR/.fbx-sync.json} saved right after the final days' files (once for a chunk's days).
 * A day's file is a pure function of its rows, so a run killed between the two writes the same
 * bytes again next time.
 */
public final class CsvDirectorySink implements Sink {
    private final Path dir;
    private final SyncDirectory files;
    private final SyncLock lock;
    private final Progress progress;

    private CsvDirectorySink(Path dir, SyncLock lock, Progress progress) {
        this.dir = dir;
        this.files = new SyncDirectory(dir);
        this.lock = lock;
        this.progress = progress;
    }

    /**
     * Takes {@code dir} for this run (one sync per directory), creating it if needed.
     *
     * @param since the first day the run asks for; without one, the directory must hold the progress of an earlier run
     */
    public static CsvDirectorySink open(Path dir, LocalDate since) {
        if (since == null && !Files.exists(dir.resolve(Progress.FILE))) {
            throw FbxException.usage("The first sync into " + dir + " needs --since D, the first day to fetch;"
                    + " later runs continue from " + Progress.FILE + ".");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw FbxException.io(
                    "Cannot create the sync directory " + dir + " (" + e.getMessage()
                            + "): check the path and permissions.",
                    e);
        }
        SyncLock lock = SyncLock.acquire(dir);
        try {
            Progress progress = Progress.load(dir);
            removeLeftovers(dir);
            return new CsvDirectorySink(dir, lock, progress);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return dir.resolve(Progress.FILE).toString();
    }

    @Override
    public LocalDate since() {
        return progress.since();
    }

    @Override
    public void since(LocalDate since) {
        if (!since.equals(progress.since())) {
            progress.since(since);
            progress.save(dir);
        }
    }

    @Override
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(progress.zone());
    }

    @Override
    public void zone(ZoneId zone) {
        if (!zone.equals(progress.zone())) {
            progress.zone(zone);
            progress.save(dir);
        }
    }

    @Override
    public List<DateRange> missing(Dataset<?> dataset, DateRange period) {
        return progress.missing(dataset.id(), period);
    }

    @Override
    public Optional<LocalDate> newestData(Dataset<?> dataset) {
        return files.newest(dataset);
    }

    @Override
    public Day begin(Dataset<?> dataset, LocalDate day) {
        Path folder = files.folder(dataset);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw FbxException.io(
                    "Cannot create " + folder + " (" + e.getMessage() + "): check free space and permissions.", e);
        }
        return new CsvDay(dataset, day, RowWriter.open(Format.csv, dataset, false, files.file(dataset, day), null));
    }

    /**
     * The days' files, then one sync of their folders, then one save of the progress for those that
     * are final: a chunk's week costs a sync per file and two more, instead of three per day.
     */
    @Override
    public void commit(List<Commit> days) {
        java.util.Set<Path> folders = new java.util.LinkedHashSet<>();
        for (Commit commit : days) {
            CsvDay day = (CsvDay) commit.day();
            day.writer.finish(false);
            folders.add(files.folder(day.dataset));
        }
        folders.forEach(AtomicFile::syncDirectory);
        boolean marked = false;
        for (Commit commit : days) {
            if (commit.complete()) {
                CsvDay day = (CsvDay) commit.day();
                progress.complete(day.dataset.id(), day.day);
                marked = true;
            }
        }
        if (marked) {
            progress.save(dir);
        }
    }

    private final class CsvDay implements Day {
        private final Dataset<?> dataset;
        private final LocalDate day;
        private final RowWriter writer;

        CsvDay(Dataset<?> dataset, LocalDate day, RowWriter writer) {
            this.dataset = dataset;
            this.day = day;
            this.writer = writer;
        }

        @Override
        public void accept(Row row) {
            writer.accept(row);
        }

        /** A day alone: the same steps as a chunk's days. */
        @Override
        public void commit(boolean complete) {
            CsvDirectorySink.this.commit(List.of(new Commit(this, complete)));
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    @Override
    public void close() {
        lock.close();
    }

    /** Temporary files of a run that was killed while writing; only a sync holding the lock can own them. */
    private static void removeLeftovers(Path dir) {
        List<Path> folders = new ArrayList<>(List.of(dir));
        Dataset.ids().forEach(id -> folders.add(dir.resolve(id)));
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ".*.tmp")) {
                for (Path temp : temps) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw FbxException.io(
                        "Cannot remove the temporary files a stopped sync left in " + folder + " (" + e.getMessage()
                                + "): check permissions.",
                        e);
            }
        }
    }
}
