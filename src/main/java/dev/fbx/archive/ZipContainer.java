package dev.fbx.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A zip read in place: the central directory gives random access to every entry by name. */
final class ZipContainer implements Container {
    private final Path path;
    private final ZipFile zip;
    private final List<String> names;

    ZipContainer(Path path) throws IOException {
        this.path = path;
        this.zip = new ZipFile(path.toFile());
        List<String> all = new ArrayList<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            if (!entry.isDirectory()) {
                all.add(entry.getName().replace('\\', '/'));
            }
        }
        this.names = List.copyOf(all);
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public InputStream open(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("no entry " + name);
        }
        return zip.getInputStream(entry);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
