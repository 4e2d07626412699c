package dev.fbx.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** One file of an archive as given (a zip, a tgz, or an unpacked folder): its entries' names, and each entry's bytes. */
interface Container extends Closeable {
    /** The file or folder, for messages. */
    String describe();

    /** Entry names with {@code /} separators, in the order the container holds them; folders left out. */
    List<String> names();

    /** The bytes of one entry, decompressed as they are read: nothing is unpacked to disk. */
    InputStream open(String name) throws IOException;

    /** Whether entries can be opened in any order, several at once, from several threads. */
    default boolean randomAccess() {
        return true;
    }
}
