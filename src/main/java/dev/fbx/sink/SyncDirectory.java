package dev.fbx.sink;

import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Rows;
import dev.fbx.output.CsvLine;
import dev.fbx.record.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What {@code fbx sync --out DIR} wrote, read back without any request: {@code DIR/<dataset>/<day>.csv},
 * each file's rows by its own header (a file written before a column was added lacks it, and reads
 * it as empty). A missing file is a day without data; a file that is not what sync writes is exit
 * 65, naming the file and line.
 */
public final class SyncDirectory implements Rows {
    private final Path dir;

    public SyncDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The account's time zone as the last sync into the directory recorded it; empty when none did. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(Progress.load(dir).zone());
    }

    /** The folder of a dataset's days. */
    Path folder(Dataset<?> dataset) {
        return dir.resolve(dataset.id());
    }

    /** The file of one day of a dataset. */
    Path file(Dataset<?> dataset, LocalDate day) {
        return folder(dataset).resolve(day + ".csv");
    }

    @Override
    public boolean has(Dataset<?> dataset) {
        return Files.isDirectory(folder(dataset));
    }

    /** The newest file of the dataset with more than its header line. */
    @Override
    public Optional<LocalDate> newest(Dataset<?> dataset) {
        Path folder = folder(dataset);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        TreeSet<LocalDate> days = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.csv")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    days.add(LocalDate.parse(name.substring(0, name.length() - ".csv".length())));
                } catch (DateTimeParseException e) {
                    // Not one of fbx's files: someone else's, left alone.
                }
            }
            for (LocalDate day : days.descendingSet()) {
                try (BufferedReader reader = Files.newBufferedReader(file(dataset, day), StandardCharsets.UTF_8)) {
                    if (reader.readLine() != null && reader.readLine() != null) {
                        return Optional.of(day);
                    }
                }
            }
        } catch (IOException e) {
            throw FbxException.io("Cannot read " + folder + " (" + e.getMessage() + "): check its permissions.", e);
        }
        return Optional.empty();
    }

    @Override
    public <R extends Row> void read(Dataset<R> dataset, DateRange range, Consumer<? super R> out) {
        if (!has(dataset)) {
            return;
        }
        for (LocalDate day = range.start(); !day.isAfter(range.end()); day = day.plusDays(1)) {
            Path file = file(dataset, day);
            if (Files.isRegularFile(file)) {
                read(dataset, day, file, out);
            }
        }
    }

    private static <R extends Row> void read(Dataset<R> dataset, LocalDate day, Path file, Consumer<? super R> out) {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = lines.readLine();
            if (first == null) {
                throw unreadable(file, 1, "it is empty, without even the header");
            }
            Dataset.RowReader<R> reader;
            try {
                reader = dataset.reader(CsvLine.fields(first));
            } catch (IllegalArgumentException e) {
                throw unreadable(file, 1, "its header is not " + dataset.id() + "'s: " + e.getMessage());
            }
            int number = 1;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                R row;
                try {
                    row = reader.read(day, CsvLine.fields(line));
                } catch (IllegalArgumentException e) {
                    throw unreadable(file, number, e.getMessage());
                }
                out.accept(row);
            }
        } catch (IOException e) {
            throw FbxException.badData("Cannot read " + file + " (" + e.getMessage() + "): check its permissions.", e);
        }
    }

    private static FbxException unreadable(Path file, int line, String why) {
        return FbxException.badData(
                file + " line " + line + " is not what 'fbx sync' writes (" + why
                        + "): move the file away (sync fetches that day again) and try again.",
                null);
    }
}
