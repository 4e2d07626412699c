package dev.fbx.sink;

import dev.fbx.FbxException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code DIR/.fbx-sync.lock}: one sync per directory. An OS lock, so it dies with its process (a
 * killed pod leaves no stale lock to clean up); the file itself stays, and deleting it would only
 * let two processes lock two different files.
 */
final class SyncLock implements AutoCloseable {
    static final String FILE = ".fbx-sync.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private SyncLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the directory's lock, or fails at once with exit 75: the other sync will finish (or be
     * stopped), so this is a temporary condition, and a CronJob that sees 75 simply runs again later.
     */
    static SyncLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw FbxException.io(
                    "Cannot create " + file + " (" + e.getMessage() + "): check that the directory is writable.", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw FbxException.io(
                    "Cannot lock " + file + " (" + e.getMessage() + "): the file system may not support locks.", e);
        }
        if (lock == null) {
            close(channel);
            throw new FbxException(
                    FbxException.RATE_LIMITED,
                    "Another fbx sync is writing to " + dir + " (it holds " + FILE
                            + "): let it finish or stop it, then run this again.");
        }
        return new SyncLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock too.
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // The process's exit releases whatever is left.
        }
    }
}
