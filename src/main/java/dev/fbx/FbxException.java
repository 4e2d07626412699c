package dev.fbx;

/**
 * A failure the user can act on: it carries the process exit code of docs/exit-codes.md's table and a
 * one-line message that says what happened and what to do. Subclasses exist where code needs to
 * tell failures apart (refresh on 401, wait on a rate limit); the rest use the factories below.
 */
public class FbxException extends RuntimeException {
    public static final int USAGE = 64;
    public static final int BAD_DATA = 65;
    public static final int UNAVAILABLE = 69;
    /** Writing the output failed (disk full, no permission): sysexits' EX_IOERR. */
    public static final int IO_ERROR = 74;

    public static final int RATE_LIMITED = 75;
    public static final int NOT_AUTHORISED = 77;
    public static final int CONFIG = 78;

    private final int exitCode;

    public FbxException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public FbxException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static FbxException usage(String message) {
        return new FbxException(USAGE, message);
    }

    public static FbxException config(String message) {
        return new FbxException(CONFIG, message);
    }

    public static FbxException config(String message, Throwable cause) {
        return new FbxException(CONFIG, message, cause);
    }

    public static FbxException badData(String message, Throwable cause) {
        return new FbxException(BAD_DATA, message, cause);
    }

    public static FbxException notAuthorised(String message) {
        return new FbxException(NOT_AUTHORISED, message);
    }

    public static FbxException io(String message, Throwable cause) {
        return new FbxException(IO_ERROR, message, cause);
    }
}
