package dev.fbx.sink;

import dev.fbx.FbxException;
import dev.fbx.config.Settings;
import dev.fbx.sink.postgres.PostgresSink;
import dev.fbx.sink.postgres.PostgresUrl;
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
