package dev.fbx.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/** Token files as users have them: the seed's three fields, optionally more. */
public final class TokenFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenFiles() {}

    /** The seed's format: no expiry, no provider. */
    public static Path seed(Path dir, String access, String refresh) {
        return write(
                dir.resolve("fb_conf.json"),
                "{ \"client_id\": \"CLIENT\", \"access_token\": \"" + access + "\", \"refresh_token\": \"" + refresh
                        + "\" }");
    }

    /** A file whose access token expired an hour ago, with a cached time zone and a field fbx does not know. */
    public static Path expired(Path dir, String zone) {
        return write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\":\"CLIENT\",\"access_token\":\"OLD-ACCESS\",\"refresh_token\":\"OLD-REFRESH\","
                        + "\"expires_at\":\"" + Instant.now().minusSeconds(3600) + "\",\"timezone\":\"" + zone
                        + "\",\"note\":\"kept\"}");
    }

    /** A file with a valid access token and a cached time zone. */
    public static Path valid(Path dir, String zone) {
        return write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\":\"CLIENT\",\"access_token\":\"ACCESS\",\"refresh_token\":\"REFRESH\","
                        + "\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\",\"timezone\":\"" + zone + "\"}");
    }

    /** A Google token file whose access token expires in {@code expiresIn} seconds (negative: has expired), with a cached zone. */
    public static Path google(Path file, String access, String refresh, long expiresIn) {
        return write(
                file,
                "{\"provider\":\"google\",\"client_id\":\"ID.apps.googleusercontent.com\",\"client_secret\":\"GOCSPX-S\","
                        + "\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh + "\",\"expires_at\":\""
                        + Instant.now().plusSeconds(expiresIn) + "\",\"timezone\":\"Europe/Berlin\"}");
    }

    public static Path write(Path file, String content) {
        try {
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
