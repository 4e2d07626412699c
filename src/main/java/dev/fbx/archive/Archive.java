package dev.fbx.archive;

import dev.fbx.FbxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Fitbit archive as one tree, whatever it came as: a zip, a tgz, an unpacked folder, several
 * zips of one split export, or a folder of them. The entry names are indexed once, by family and
 * by the date in their name, so that a command opens only the entries it needs.
 */
public final class Archive implements AutoCloseable {
    /** One data file of the archive. {@code dates} are those of its name (none, one, or first and last). */
    record Entry(Container container, String name, Family family, List<LocalDate> dates) {
        /** Where the entry is, for messages: {@code takeout.zip!Takeout/Fitbit/...}. */
        String describe() {
            return container.describe() + "!" + name;
        }

        LocalDate date() {
            return dates.get(0);
        }
    }

    private final List<Container> containers;
    private final Layout layout;
    private final Map<Family, NavigableMap<LocalDate, List<Entry>>> dated = new EnumMap<>(Family.class);
    private final Map<Family, List<Entry>> undated = new EnumMap<>(Family.class);
    private final LocalDate first;
    private final LocalDate last;

    private Archive(List<Container> containers) {
        this.containers = containers;
        Layout found = null;
        boolean unknownLayout = false;
        Set<String> seen = new HashSet<>();
        LocalDate min = null;
        LocalDate max = null;
        for (Container container : containers) {
            for (String name : container.names()) {
                String[] segments = name.split("/");
                if (segments.length < 2 || !seen.add(name)) {
                    continue;
                }
                String file = segments[segments.length - 1];
                Family family = Family.of(segments[segments.length - 2], file);
                if (family == null) {
                    continue;
                }
                Layout layout = Layout.of(segments, segments.length - 2);
                if (layout == null) {
                    unknownLayout = true;
                    continue;
                }
                found = found == null ? layout : found;
                List<LocalDate> dates = family.dates(file);
                Entry entry = new Entry(container, name, family, dates);
                if (dates.isEmpty()) {
                    undated.computeIfAbsent(family, f -> new ArrayList<>()).add(entry);
                } else {
                    dated.computeIfAbsent(family, f -> new TreeMap<>())
                            .computeIfAbsent(entry.date(), d -> new ArrayList<>())
                            .add(entry);
                    for (LocalDate date : dates) {
                        min = min == null || date.isBefore(min) ? date : min;
                        max = max == null || date.isAfter(max) ? date : max;
                    }
                }
            }
        }
        if (found == null) {
            String what = describe(containers);
            throw FbxException.badData(
                    unknownLayout
                            ? what
                                    + " holds Fitbit files in a layout fbx does not know (neither Takeout/Fitbit/, Takeout/Google Health/ nor an"
                                    + " account archive's Physical Activity/, Sleep/ and Personal & Account/ folders): give the archive as Google or"
                                    + " fitbit.com made it."
                            : what
                                    + " is not a Fitbit archive: none of its entries is a Fitbit data file (docs/archive-formats.md lists them). Give the"
                                    + " Google Takeout export of Fitbit data (all its parts), or a fitbit.com account archive.",
                    null);
        }
        this.layout = found;
        this.first = min;
        this.last = max;
    }

    /**
     * Opens the archive that {@code paths} make up: each a zip, a tgz, or a folder (unpacked, or
     * holding the zips/tgzs of a split export).
     */
    public static Archive open(List<Path> paths) {
        List<Container> containers = new ArrayList<>();
        try {
            for (Path path : paths) {
                containers.addAll(containers(path));
            }
            return new Archive(containers);
        } catch (RuntimeException e) {
            closeAll(containers);
            throw e;
        }
    }

    private static List<Container> containers(Path path) {
        if (Files.isDirectory(path)) {
            List<Path> parts = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*.{zip,tgz,gz}")) {
                files.forEach(parts::add);
            } catch (IOException e) {
                throw unreadable(path.toString(), e);
            }
            if (parts.isEmpty()) {
                try {
                    return List.of(new FolderContainer(path));
                } catch (IOException e) {
                    throw unreadable(path.toString(), e);
                }
            }
            parts.sort(null);
            List<Container> all = new ArrayList<>();
            for (Path part : parts) {
                all.add(file(part));
            }
            return all;
        }
        if (!Files.isRegularFile(path)) {
            throw FbxException.usage("The archive " + path
                    + " does not exist: give the path of the Takeout zip (or tgz, or its unpacked folder).");
        }
        return List.of(file(path));
    }

    private static Container file(Path path) {
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(magic, 0, 4);
        } catch (IOException e) {
            throw unreadable(path.toString(), e);
        }
        try {
            if (n >= 2 && magic[0] == 'P' && magic[1] == 'K') {
                return new ZipContainer(path);
            }
            if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return new TarGzContainer(path);
            }
        } catch (IOException e) {
            throw FbxException.badData(
                    path + " is a damaged or truncated archive (" + e.getMessage() + "): download it again.", e);
        }
        throw FbxException.badData(
                path + " is not an archive (neither a zip nor a tgz): give the Takeout export's zip or tgz, or its"
                        + " unpacked folder.",
                null);
    }

    private static FbxException unreadable(String what, IOException e) {
        return FbxException.io(
                "Cannot read the archive " + what + " (" + e.getMessage() + "): check the path and permissions.", e);
    }

    private static String describe(List<Container> containers) {
        return containers.size() == 1
                ? containers.get(0).describe()
                : "The archive ("
                        + String.join(
                                ", ",
                                containers.stream().map(Container::describe).toList()) + ")";
    }

    public Layout layout() {
        return layout;
    }

    /** The files or folders the archive was given as (the parts of a split export), for people. */
    public List<String> parts() {
        return containers.stream().map(Container::describe).toList();
    }

    /** How many of its entries are data files fbx reads. */
    public int dataFiles() {
        return dated.values().stream()
                        .mapToInt(days ->
                                days.values().stream().mapToInt(List::size).sum())
                        .sum()
                + undated.values().stream().mapToInt(List::size).sum();
    }

    /** The first day named by a data file; null when none is dated. */
    public LocalDate firstDay() {
        return first;
    }

    /** The last day named by a data file; it may have been exported mid-day. */
    public LocalDate lastDay() {
        return last;
    }

    /** The family's entries whose name holds {@code day}. */
    List<Entry> on(Family family, LocalDate day) {
        return dated(family).getOrDefault(day, List.of());
    }

    /** The family's entries by the (first) date in their names. */
    NavigableMap<LocalDate, List<Entry>> dated(Family family) {
        return dated.getOrDefault(family, new TreeMap<>());
    }

    /** The family's entries whose names hold no date. */
    List<Entry> undated(Family family) {
        return undated.getOrDefault(family, List.of());
    }

    boolean has(Family family) {
        return dated.containsKey(family) || undated.containsKey(family);
    }

    /** Whether every part can be read in any order, several entries at once (a tgz cannot). */
    boolean randomAccess() {
        return containers.stream().allMatch(Container::randomAccess);
    }

    /** The bytes of an entry; a read that fails is the archive's fault (exit 65), naming the entry. */
    InputStream open(Entry entry) {
        try {
            return entry.container().open(entry.name());
        } catch (IOException e) {
            throw broken(entry, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The message for an entry fbx cannot read: which entry, what is wrong with it, what to do. */
    static FbxException broken(Entry entry, String problem, Throwable cause) {
        return FbxException.badData(
                "The archive entry " + entry.describe() + " " + problem
                        + ". Download the export again; the data read before it is kept.",
                cause);
    }

    @Override
    public void close() {
        closeAll(containers);
    }

    private static void closeAll(List<Container> containers) {
        for (Container container : containers) {
            try {
                container.close();
            } catch (IOException e) {
                // Read only: nothing is lost by a failed close.
            }
        }
    }
}
