package dev.fbx.cohort;

import dev.fbx.FbxException;
import dev.fbx.output.CsvLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A study's participants, as its roster file lists them: CSV with the header {@value #HEADER}, one
 * participant per line with the study's own id and where their data is, a token file or an archive
 * (relative paths from the roster's folder). The whole file is checked before anything is fetched:
 * a line that is not right is exit 65, naming it, so that no participant is synced under a roster
 * that may be wrong.
 */
public final class Roster {
    public static final String HEADER = "participant,token_file,archive";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * One participant: the study's id, which is the account in a database and the folder in a
     * directory, and their token file or archive (neither for the demo's synthetic people).
     *
     * @param row the 0-based index among the roster's participants, which {@link Shard} divides by
     * @param line the line in the roster file, for messages
     */
    public record Participant(String id, Path tokenFile, Path archive, int row, int line) {}

    private final Path file;
    private final List<Participant> participants;

    private Roster(Path file, List<Participant> participants) {
        this.file = file;
        this.participants = participants;
    }

    /**
     * @param demo with {@code --demo} each participant is a synthetic person: a line may name neither
     *     a token file nor an archive (one it names is not read)
     */
    public static Roster read(Path file, boolean demo) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw FbxException.usage(
                    "--roster " + file + ": no such file. Give the study's roster (CSV, " + HEADER + ").");
        } catch (IOException e) {
            throw FbxException.usage(
                    "--roster " + file + " cannot be read (" + e.getMessage() + "): check its permissions.");
        }
        // A roster saved by a spreadsheet may start with a byte-order mark.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Path folder = file.toAbsolutePath().getParent();
        String[] lines = text.split("\r?\n", -1);
        if (!lines[0].strip().equals(HEADER)) {
            throw malformed(file, 1, "the header is '" + lines[0].strip() + "', not " + HEADER);
        }
        List<Participant> participants = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<Path, Integer> files = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields;
            try {
                fields = CsvLine.fields(lines[i]);
            } catch (IllegalArgumentException e) {
                throw malformed(file, line, e.getMessage());
            }
            if (fields.size() != 3) {
                throw malformed(file, line, "it has " + fields.size() + " fields, not the header's 3");
            }
            String id = value(fields.get(0));
            if (id == null || !ID.matcher(id).matches()) {
                throw malformed(
                        file,
                        line,
                        "the participant id '" + (id == null ? "" : id)
                                + "' is not 1 to 64 letters, digits, '-' or '_'");
            }
            Integer first = ids.putIfAbsent(id, line);
            if (first != null) {
                throw malformed(file, line, "participant " + id + " is on line " + first + " already");
            }
            Path tokenFile = path(folder, value(fields.get(1)));
            Path archive = path(folder, value(fields.get(2)));
            if (tokenFile != null && archive != null) {
                throw malformed(file, line, id + " has both a token file and an archive: give one of them");
            }
            if (tokenFile == null && archive == null && !demo) {
                throw malformed(
                        file, line, id + " has neither a token file nor an archive (only --demo needs neither)");
            }
            Path data = tokenFile != null ? tokenFile : archive;
            if (data != null) {
                Integer other = files.putIfAbsent(data, line);
                if (other != null) {
                    throw malformed(
                            file,
                            line,
                            data + " is line " + other + "'s too: one person's data would be synced under two ids");
                }
            }
            participants.add(new Participant(id, tokenFile, archive, participants.size(), line));
        }
        if (participants.isEmpty()) {
            throw malformed(file, lines.length, "it names no participant");
        }
        return new Roster(file, List.copyOf(participants));
    }

    private static String value(String field) {
        return field == null || field.isBlank() ? null : field.strip();
    }

    private static Path path(Path folder, String value) {
        return value == null ? null : folder.resolve(value).normalize();
    }

    private static FbxException malformed(Path file, int line, String why) {
        return new FbxException(
                FbxException.BAD_DATA,
                "The roster " + file + " line " + line + " is not right: " + why + ". Fix the roster (CSV, " + HEADER
                        + "); nothing was fetched.");
    }

    public Path file() {
        return file;
    }

    /** Every participant, in the roster's order. */
    public List<Participant> participants() {
        return participants;
    }

    /** The participants of one shard, in the roster's order. */
    public List<Participant> shard(Shard shard) {
        return participants.stream().filter(p -> shard.takes(p.row())).toList();
    }
}
