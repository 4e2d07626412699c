package dev.fbx.cli;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

@QuarkusMainIntegrationTest
class ShellUseIT extends ShellUseTest {
    /** What the build packaged, as Quarkus recorded it for the integration tests. */
    @Override
    boolean nativeBinary() {
        Properties artifact = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "native".equals(artifact.getProperty("type"));
    }
}
