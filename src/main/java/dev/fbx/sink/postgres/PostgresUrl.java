package dev.fbx.sink.postgres;

import dev.fbx.FbxException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code --db} URL, {@code postgresql://user@host:port/db?sslmode=…} as libpq writes it, and the
 * password that goes with it. The password never comes from the URL (every user of the machine can
 * read a process's arguments) but, as libpq looks for it, from {@code FBX_DB_PASSWORD},
 * {@code PGPASSWORD} or the password file ({@code PGPASSFILE}, else {@code ~/.pgpass}).
 * Query parameters ({@code sslmode}, {@code sslrootcert}, …) pass through to the driver.
 */
public final class PostgresUrl {
    private static final int DEFAULT_PORT = 5432;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String query;

    private PostgresUrl(String host, int port, String database, String user, String query) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.query = query;
    }

    /**
     * @param env the environment, for {@code PGUSER} when the URL names no user
     */
    public static PostgresUrl parse(String url, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw FbxException.usage(
                    "--db " + redactAnything(url) + " is not a URL: use postgresql://user@host:port/database.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw FbxException.usage("--db takes a PostgreSQL URL, postgresql://user@host:port/database, not "
                    + redactAnything(url) + ".");
        }
        String userInfo = uri.getUserInfo();
        String query = uri.getRawQuery();
        boolean passwordInQuery = query != null
                && List.of(query.split("&")).stream()
                        .anyMatch(p -> p.toLowerCase(Locale.ROOT).startsWith("password="));
        if ((userInfo != null && userInfo.contains(":")) || passwordInQuery) {
            throw FbxException.usage(
                    "The --db URL carries a password, which every user of this machine can read in the process list:"
                            + " remove it from the URL and put it in FBX_DB_PASSWORD, PGPASSWORD or ~/.pgpass.");
        }
        if (uri.getHost() == null) {
            throw FbxException.usage("--db " + url + " names no host: use postgresql://user@host:port/database.");
        }
        String user = userInfo != null && !userInfo.isEmpty()
                ? userInfo
                : Optional.ofNullable(env.get("PGUSER")).orElse(System.getProperty("user.name"));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? user : path;
        return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user, query);
    }

    /** The URL as fbx prints it: it never holds a password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    String jdbcUrl() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    String user() {
        return user;
    }

    /**
     * The password: {@code FBX_DB_PASSWORD} (given here as {@code configured}), then
     * {@code PGPASSWORD}, then the first matching line of the password file; empty when none says.
     */
    public Optional<String> password(Optional<String> configured, Map<String, String> env) {
        if (configured.isPresent()) {
            return configured;
        }
        String pg = env.get("PGPASSWORD");
        if (pg != null && !pg.isEmpty()) {
            return Optional.of(pg);
        }
        return passFile(env).flatMap(this::fromPassFile);
    }

    /** The password file as libpq finds it, unless others can read it (libpq ignores such a file too). */
    static Optional<Path> passFile(Map<String, String> env) {
        Path file = env.containsKey("PGPASSFILE")
                ? Path.of(env.get("PGPASSFILE"))
                : Path.of(Optional.ofNullable(env.get("HOME")).orElse(System.getProperty("user.home")), ".pgpass");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                return Optional.empty();
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private Optional<String> fromPassFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() == 5
                    && matches(fields.get(0), host)
                    && matches(fields.get(1), Integer.toString(port))
                    && matches(fields.get(2), database)
                    && matches(fields.get(3), user)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /** {@code host:port:db:user:password}, where {@code \:} and {@code \\} stand for themselves. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** A URL fbx could not parse, printed without anything between "//" and "@". */
    private static String redactAnything(String url) {
        return url.replaceAll("//[^/@]*@", "//…@");
    }
}
