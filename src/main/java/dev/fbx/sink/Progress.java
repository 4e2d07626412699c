package dev.fbx.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbx.FbxException;
import dev.fbx.dataset.DateRange;
import dev.fbx.output.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code DIR/.fbx-sync.json}: where the synced period starts, the account's time zone (whose today
 * readers of the directory use), and per dataset the days whose files are final (as runs of days),
 * which no later run fetches again. Today's and yesterday's files are never recorded here, so the
 * next run fetches them again.
 *
 * <pre>{"version":1,"since":"2024-01-01","zone":"Europe/Berlin","complete":{"hr-day":[["2024-01-01","2024-06-28"]]}}</pre>
 */
public final class Progress {
    public static final String FILE = ".fbx-sync.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalDate since;
    /** Null in files of fbx versions that did not record it. */
    private ZoneId zone;
    /** Per dataset, runs of complete days: first day to last day, disjoint and not adjacent. */
    private final Map<String, TreeMap<LocalDate, LocalDate>> complete = new TreeMap<>();

    public static Progress empty() {
        return new Progress();
    }

    /** The progress saved in {@code dir}; empty when there is none yet. A file fbx cannot read is exit 78, and stays as it is. */
    public static Progress load(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw FbxException.config(
                    "Cannot read the sync progress file " + file + " (" + e.getMessage() + "): check its permissions.",
                    e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw FbxException.config(
                    "The sync progress file " + file + " is corrupt (" + e.getMessage() + "). Nothing was changed:"
                            + " restore it, or move it away to fetch every day again (the files already there are overwritten with the same data).",
                    e);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong when {@code text} is not a progress file */
    static Progress parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("\"version\" is not " + VERSION);
        }
        Progress progress = new Progress();
        if (root.hasNonNull("since")) {
            progress.since = date(root.get("since"), "since");
        }
        if (root.hasNonNull("zone")) {
            try {
                progress.zone = ZoneId.of(root.get("zone").asText(""));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "'" + root.get("zone").asText("") + "' in \"zone\" is not a time zone", e);
            }
        }
        JsonNode datasets = root.path("complete");
        if (!datasets.isMissingNode() && !datasets.isObject()) {
            throw new IllegalArgumentException("\"complete\" is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = datasets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> dataset = it.next();
            if (!dataset.getValue().isArray()) {
                throw new IllegalArgumentException("the days of \"" + dataset.getKey() + "\" are not a list");
            }
            for (JsonNode run : dataset.getValue()) {
                if (!run.isArray() || run.size() != 2) {
                    throw new IllegalArgumentException(
                            "a run of days of \"" + dataset.getKey() + "\" is not [first, last]");
                }
                LocalDate first = date(run.get(0), dataset.getKey());
                LocalDate last = date(run.get(1), dataset.getKey());
                if (last.isBefore(first)) {
                    throw new IllegalArgumentException(
                            "a run of days of \"" + dataset.getKey() + "\" ends before it starts");
                }
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    progress.complete(dataset.getKey(), day);
                }
            }
        }
        return progress;
    }

    private static LocalDate date(JsonNode node, String where) {
        try {
            return LocalDate.parse(node.asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + node.asText("") + "' in \"" + where + "\" is not a yyyy-MM-dd date", e);
        }
    }

    public LocalDate since() {
        return since;
    }

    public void since(LocalDate since) {
        this.since = since;
    }

    /** The account's time zone as the last sync knew it; null before a sync recorded one. */
    public ZoneId zone() {
        return zone;
    }

    public void zone(ZoneId zone) {
        this.zone = zone;
    }

    public boolean isComplete(String dataset, LocalDate day) {
        TreeMap<LocalDate, LocalDate> runs = complete.get(dataset);
        Map.Entry<LocalDate, LocalDate> run = runs == null ? null : runs.floorEntry(day);
        return run != null && !day.isAfter(run.getValue());
    }

    /** The days of {@code range} that are not complete yet, as runs in date order. */
    public List<DateRange> missing(String dataset, DateRange range) {
        List<DateRange> missing = new ArrayList<>();
        LocalDate from = null;
        for (LocalDate day = range.start(); !day.isAfter(range.end()); day = day.plusDays(1)) {
            boolean done = isComplete(dataset, day);
            if (!done && from == null) {
                from = day;
            } else if (done && from != null) {
                missing.add(new DateRange(from, day.minusDays(1)));
                from = null;
            }
        }
        if (from != null) {
            missing.add(new DateRange(from, range.end()));
        }
        return missing;
    }

    /** Records that {@code day}'s file of {@code dataset} is final. */
    public void complete(String dataset, LocalDate day) {
        if (isComplete(dataset, day)) {
            return;
        }
        TreeMap<LocalDate, LocalDate> runs = complete.computeIfAbsent(dataset, d -> new TreeMap<>());
        LocalDate first = day;
        LocalDate last = day;
        Map.Entry<LocalDate, LocalDate> before = runs.floorEntry(day);
        if (before != null && before.getValue().equals(day.minusDays(1))) {
            first = before.getKey();
        }
        LocalDate after = day.plusDays(1);
        if (runs.containsKey(after)) {
            last = runs.remove(after);
        }
        runs.put(first, last);
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("since", since == null ? null : since.toString());
        if (zone != null) {
            root.put("zone", zone.getId());
        }
        ObjectNode datasets = root.putObject("complete");
        complete.forEach((dataset, runs) -> {
            ArrayNode list = datasets.putArray(dataset);
            runs.forEach((first, last) -> list.addArray().add(first.toString()).add(last.toString()));
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the progress file in {@code dir} atomically: a crash leaves the old or the new one.
     * Saved after every chunk of final days, so the rename is not waited for: an older progress after
     * a power loss only has its days fetched again.
     */
    public void save(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            AtomicFile.writeOlderIsFine(file, toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw FbxException.io(
                    "Cannot write the sync progress file " + file + " (" + e.getMessage()
                            + "): check free space and permissions.",
                    e);
        }
    }
}
