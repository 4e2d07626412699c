package dev.fbx.sink;

import dev.fbx.FbxException;
import dev.fbx.config.Settings;
import dev.fbx.sink.postgres.PostgresSink;
import dev.fbx.sink.postgres.PostgresUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;

/** Where {@code fbx sync} writes, chosen in one place: the only class that knows every sink. */
public final class Sinks {
    /** {@code FBX_DB_URL}: the database when neither {@code --out} nor {@code --db} is given. */
    public static final String DB_URL = "fbx.db-url";
    /** {@code FBX_DB_PASSWORD}: the database password, which never comes from the command line. */
    public static final String DB_PASSWORD = "fbx.db-password";

    private Sinks() {}

    /** A CSV directory or a database; which one, is settled before anything is read or fetched. */
    public record Target(Path dir, PostgresUrl db) {
        /**
         * {@code --out DIR} or {@code --db URL}, else {@code FBX_DB_URL}: exactly one (64 otherwise,
         * and for a URL that carries a password).
         */
        public static Target of(Path out, String db, Settings settings) {
            if (out != null && db != null) {
                throw FbxException.usage(
                        "--out and --db exclude each other: sync into a directory or into a database.");
            }
            if (out != null) {
                return new Target(out, null);
            }
            String url = db != null ? db : settings.get(DB_URL).orElse(null);
            if (url == null) {
                throw FbxException.usage(
                        "fbx sync needs --out DIR (a directory of CSV files) or --db URL (PostgreSQL, or FBX_DB_URL).");
            }
            return new Target(null, PostgresUrl.parse(url, System.getenv()));
        }

        /** A cohort's participant's part of this target: the folder named by their id, or the same database (rows keyed by it). */
        public Target within(String participant) {
            return dir == null ? this : new Target(dir.resolve(participant), null);
        }
    }

    /**
     * Checks once that the target can be written, before a cohort's participants are synced into
     * it one by one: the directory is created, the database logged in to and its tables checked, so
     * that a wrong password or path is one line and one exit code, not one per participant.
     */
    public static void check(Target target, Settings settings) {
        if (target.dir() != null) {
            try {
                Files.createDirectories(target.dir());
            } catch (IOException e) {
                throw FbxException.io(
                        "Cannot create " + target.dir() + " (" + e.getMessage() + "): check the path and permissions.",
                        e);
            }
            return;
        }
        PostgresSink.check(target.db(), target.db().password(settings.get(DB_PASSWORD), System.getenv()));
    }

    /**
     * Opens the target for one account's run.
     *
     * @param since the first day the run asks for, or null
     * @param account the account's id (a database keeps many apart by it); asked for only by sinks that need it
     */
    public static Sink open(Target target, LocalDate since, Settings settings, Supplier<String> account) {
        if (target.dir() != null) {
            return CsvDirectorySink.open(target.dir(), since);
        }
        String id = account.get();
        if (id == null || id.isBlank()) {
            throw FbxException.config("The source names no user id, which keeps an account's rows apart from others'"
                    + " in a database: sync into a directory (--out DIR) instead.");
        }
        Map<String, String> env = System.getenv();
        return PostgresSink.open(target.db(), target.db().password(settings.get(DB_PASSWORD), env), id);
    }
}
