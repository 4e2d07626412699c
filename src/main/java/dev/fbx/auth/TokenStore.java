package dev.fbx.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbx.FbxException;
import dev.fbx.output.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The token file on disk. Reads never change it; every write replaces it atomically with an
 * owner-only file; {@link #locked} serialises read-refresh-write across threads and processes,
 * so two fbx processes sharing one file never spend the same single-use refresh token.
 */
public final class TokenStore implements TokenStorage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A JVM cannot take two OS locks on one file, so threads queue here first. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path path;

    public TokenStore(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    @Override
    public String describe() {
        return "the token file " + path;
    }

    /** The file's contents, or empty if there is no file; a file fbx cannot read is a configuration error. */
    @Override
    public Optional<TokenFile> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw FbxException.config("Cannot read the token file " + path
                    + ": permission denied. Check its owner and mode (it should be 0600 and yours).");
        } catch (IOException e) {
            throw FbxException.config("Cannot read the token file " + path + ": " + e.getMessage(), e);
        }
        return Optional.of(parse(bytes));
    }

    /** Like {@link #read()}, for commands that cannot work without the file. */
    public TokenFile require() {
        return read().orElseThrow(() -> FbxException.config("No token file at " + path
                + ": run 'fbx auth login', or point --token-file / FBX_TOKEN_FILE at your fb_conf.json."));
    }

    private TokenFile parse(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw FbxException.config(
                    "The token file " + path + " is not valid JSON" + where
                            + ": fix it by hand or move it away and run 'fbx auth login'. It was left unchanged.",
                    e);
        } catch (IOException e) {
            throw FbxException.config("Cannot read the token file " + path + ": " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw FbxException.config(
                    "The token file " + path
                            + " is not a JSON object: fix it by hand or move it away and run 'fbx auth login'. It was left unchanged.");
        }
        return new TokenFile(object);
    }

    /** Replaces the file atomically, mode 0600. */
    @Override
    public void write(TokenFile tokens) {
        try {
            Files.createDirectories(path.getParent());
            AtomicFile.write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokens.json()), true);
        } catch (IOException e) {
            throw FbxException.config(
                    "Cannot write the token file " + path + " (" + e.getMessage()
                            + "): its directory must be writable, because fbx stores renewed tokens there. The old file is unchanged.",
                    e);
        }
    }

    /** Runs {@code action} holding this file's lock, against every other thread and fbx process. */
    @Override
    public <T> T locked(Supplier<T> action) {
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(path, p -> new ReentrantLock());
        lock.lock();
        try (FileChannel channel = openLockFile();
                FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw FbxException.config(
                    "Cannot lock the token file " + path + " (" + e.getMessage() + "): its directory must be writable.",
                    e);
        } finally {
            lock.unlock();
        }
    }

    private FileChannel openLockFile() throws IOException {
        Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
        Files.createDirectories(path.getParent());
        try {
            Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(AtomicFile.OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Another process made it first; the lock on it is what matters.
        } catch (UnsupportedOperationException e) {
            Files.createFile(lockFile);
        }
        return FileChannel.open(lockFile, StandardOpenOption.WRITE);
    }
}
