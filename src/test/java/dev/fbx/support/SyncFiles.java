package dev.fbx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a sync wrote into a directory: every day's file, by its path under the directory. */
public final class SyncFiles {
    private SyncFiles() {}

    /** {@code <dataset>/<day>.csv} to the file's contents; empty when the directory does not exist. */
    public static Map<String, String> of(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(f -> f.toString().endsWith(".csv")).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
