package dev.fbx.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the command-line tests: the API fake, emptied before each test and checked after it for
 * requests nobody expected, and a temporary directory for token and output files.
 */
public abstract class FakeApiTest {
    protected final WireMockServer api = ApiFake.server();

    @TempDir
    protected Path dir;

    @BeforeEach
    void resetFake() {
        api.resetAll();
    }

    @AfterEach
    void everyRequestWasExpected() {
        assertEquals(
                0,
                api.findAllUnmatchedRequests().size(),
                () -> "unexpected requests: " + api.findAllUnmatchedRequests());
    }
}
