package dev.fbx.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** An archive someone already unpacked. */
final class FolderContainer implements Container {
    private final Path root;
    private final List<String> names;

    FolderContainer(Path root) throws IOException {
        this.root = root;
        try (Stream<Path> files = Files.walk(root)) {
            this.names = files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(root.resolve(name));
    }

    @Override
    public void close() {}
}
