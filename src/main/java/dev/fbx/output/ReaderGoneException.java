package dev.fbx.output;

import dev.fbx.FbxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reader of standard output closed it early ({@code fbx hr … | head}): it has what it wanted,
 * so fbx stops fetching and ends quietly with exit 0 (docs/exit-codes.md: "ends fbx quietly, with no message";
 * and every non-zero exit must print a line).
 */
public final class ReaderGoneException extends FbxException {
    ReaderGoneException() {
        super(0, "the reader of standard output closed it");
    }

    /**
     * Whether standard output is a pipe or socket, whose only write error is its reader going away;
     * a write error on a file or terminal (a full disk) is a real failure. Linux tells through
     * /proc; elsewhere fbx cannot tell, and reports the error.
     */
    static boolean stdoutIsAPipe() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
