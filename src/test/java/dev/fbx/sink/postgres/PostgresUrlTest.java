package dev.fbx.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fbx.FbxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresUrlTest {
    @TempDir
    Path home;

    @Test
    void aLibpqUrlBecomesTheDriversWithItsParametersAndIsPrintedAsGiven() {
        PostgresUrl url = PostgresUrl.parse("postgresql://fbx@db.example:6432/health?sslmode=verify-full", Map.of());
        assertEquals("jdbc:postgresql://db.example:6432/health?sslmode=verify-full", url.jdbcUrl());
        assertEquals("fbx", url.user());
        assertEquals("postgresql://fbx@db.example:6432/health?sslmode=verify-full", url.toString());
        PostgresUrl defaults = PostgresUrl.parse("postgres://db.example", Map.of("PGUSER", "ann"));
        assertEquals("jdbc:postgresql://db.example:5432/ann", defaults.jdbcUrl());
    }

    @Test
    void aUrlCarryingAPasswordIsAUsageErrorThatDoesNotRepeatIt() {
        for (String given :
                new String[] {"postgresql://fbx:s3cret@db/health", "postgresql://fbx@db/health?password=s3cret"}) {
            FbxException e = assertThrows(FbxException.class, () -> PostgresUrl.parse(given, Map.of()));
            assertEquals(FbxException.USAGE, e.exitCode());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
        assertEquals(
                FbxException.USAGE,
                assertThrows(FbxException.class, () -> PostgresUrl.parse("mysql://fbx@db/x", Map.of()))
                        .exitCode());
    }

    @Test
    void thePasswordComesFromFbxDbPasswordThenPgpasswordThenThePasswordFile() throws IOException {
        PostgresUrl url = PostgresUrl.parse("postgresql://fbx@db.example:6432/health", Map.of());
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, """
                # host:port:database:user:password
                other:*:*:*:wrong
                db.example:6432:health:ann:wrong-user
                db.example:*:health:fbx:from\\:file
                *:*:*:*:fallback
                """);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("HOME", home.toString());
        assertEquals(Optional.of("from:file"), url.password(Optional.empty(), env));
        assertEquals(
                Optional.of("pg"), url.password(Optional.empty(), Map.of("HOME", home.toString(), "PGPASSWORD", "pg")));
        assertEquals(Optional.of("fbx"), url.password(Optional.of("fbx"), Map.of("PGPASSWORD", "pg")));

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(
                Optional.empty(), url.password(Optional.empty(), env), "libpq ignores a password file others can read");
        Path elsewhere = Files.writeString(home.resolve("pass"), "*:*:*:fbx:named\n");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.of("named"), url.password(Optional.empty(), Map.of("PGPASSFILE", elsewhere.toString())));
    }
}
