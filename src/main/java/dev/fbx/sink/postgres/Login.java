package dev.fbx.sink.postgres;

import dev.fbx.FbxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** A connection to a sync database, for the sink that writes it and the reader that reads it back; a refusal is one line with its exit code. */
final class Login {
    private Login() {}

    /**
     * Connects with auto-commit off.
     *
     * @param password from {@link PostgresUrl#password}; empty when none was found
     */
    static Connection connect(PostgresUrl url, Optional<String> password) {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "fbx");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        try {
            // The driver itself rather than DriverManager: no service lookup, nothing for the native image to register.
            Connection db = new org.postgresql.Driver().connect(url.jdbcUrl(), properties);
            if (db == null) {
                throw FbxException.usage("--db " + url + " is not a URL the PostgreSQL driver accepts.");
            }
            db.setAutoCommit(false);
            return db;
        } catch (SQLException e) {
            throw failure(url, e);
        }
    }

    private static FbxException failure(PostgresUrl url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? state : e.getMessage();
        if (state.startsWith("28") || message.contains("password")) {
            return FbxException.config(
                    "The database " + url + " refused the login (" + message + "): check the user in the URL and the"
                            + " password in FBX_DB_PASSWORD, PGPASSWORD or ~/.pgpass (mode 0600).",
                    e);
        }
        if (state.equals("3D000")) {
            return FbxException.config(
                    "The database " + url + " does not exist (" + message + "): create it, or fix the URL.", e);
        }
        return FbxException.io(
                "Cannot reach the database " + url + " (" + message
                        + "): check that it runs, and the URL's host, port and"
                        + " sslmode; what earlier runs wrote is kept, so run fbx again when it is back.",
                e);
    }
}
