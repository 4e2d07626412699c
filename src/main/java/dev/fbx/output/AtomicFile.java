package dev.fbx.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file that appears complete or not at all: bytes go to a temporary file beside the target,
 * which is fsynced and renamed over the target on {@link #commit()}. A crash at any moment leaves
 * the old target (or none) and at worst a stray temporary file, never a torn target.
 */
public final class AtomicFile implements Closeable {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;

    /** @param permissions the new file's mode, or null for what the process's umask gives a new file */
    private AtomicFile(Path target, Set<PosixFilePermission> permissions) throws IOException {
        this.target = target.toAbsolutePath();
        this.temp = this.target.resolveSibling("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        this.channel = POSIX && permissions != null
                ? FileChannel.open(
                        temp,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(permissions))
                : FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (POSIX && permissions != null) {
            // The umask narrowed the mode given at creation; an existing target's mode is kept as it was.
            Files.setPosixFilePermissions(temp, permissions);
        }
        this.stream = Channels.newOutputStream(channel);
    }

    /** Starts a new version of {@code target}, readable only by its owner. */
    public static AtomicFile ownerOnly(Path target) throws IOException {
        return new AtomicFile(target, OWNER_ONLY);
    }

    /**
     * Starts a new version of {@code target} that keeps the target's mode; a new file gets what the
     * umask allows, as any other program's output would.
     */
    public static AtomicFile create(Path target) throws IOException {
        return new AtomicFile(target, POSIX && Files.exists(target) ? Files.getPosixFilePermissions(target) : null);
    }

    public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        try (AtomicFile file = ownerOnly ? ownerOnly(target) : create(target)) {
            file.stream().write(content);
            file.commit();
        }
    }

    /** Where the bytes go; unbuffered, so wrap it. */
    public OutputStream stream() {
        return stream;
    }

    public void commit() throws IOException {
        commit(true);
    }

    /**
     * Like {@link #write(Path, byte[], boolean)} for a file rewritten again and again whose older
     * version is as good as the new one after a power loss (sync's progress: an older one only has
     * days fetched again): the content is synced before the rename, but the rename itself is not
     * waited for, which saves a directory sync per write.
     */
    public static void writeOlderIsFine(Path target, byte[] content) throws IOException {
        try (AtomicFile file = create(target)) {
            file.stream().write(content);
            file.commit(false);
        }
    }

    /**
     * @param syncRename wait for the rename to be on disk too; without, the caller syncs the
     *                   directory itself ({@link #syncDirectory}) before anything relies on the new file
     */
    public void commit(boolean syncRename) throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        if (syncRename) {
            syncDirectory(target.getParent());
        }
    }

    /** Without a commit, the temporary file goes and the target stays as it was. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            channel.close();
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the renames done in {@code dir} durable. */
    public static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory; the rename is still atomic there.
        }
    }
}
