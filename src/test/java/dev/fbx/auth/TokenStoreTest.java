package dev.fbx.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbx.FbxException;
import dev.fbx.support.TokenFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void aRewriteIsOwnerOnlyAndKeepsFieldsFbxDoesNotKnow() throws Exception {
        Path path = TokenFiles.write(
                dir.resolve("fb_conf.json"),
                "{\"client_id\":\"C\",\"access_token\":\"A\",\"refresh_token\":\"R\",\"extra\":{\"x\":[1,2]}}");
        Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        TokenStore store = new TokenStore(path);

        store.write(store.require().with(TokenFile.ACCESS_TOKEN, "A2"));

        JsonNode saved = TokenFiles.read(path);
        assertEquals("A2", saved.path("access_token").asText());
        assertEquals("R", saved.path("refresh_token").asText());
        assertEquals(2, saved.path("extra").path("x").get(1).asInt());
        assertEquals("rw-------", TokenFiles.mode(path));
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("fb_conf.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aCorruptFileIsAConfigurationErrorAndIsNotTouched() throws Exception {
        Path path = dir.resolve("fb_conf.json");
        Files.writeString(path, "[1,2");
        FbxException e = assertThrows(FbxException.class, () -> new TokenStore(path).read());
        assertEquals(78, e.exitCode());
        assertEquals("[1,2", Files.readString(path));
        Files.writeString(path, "[1,2]");
        assertEquals(
                78,
                assertThrows(FbxException.class, () -> new TokenStore(path).read())
                        .exitCode());
    }

    /** Threads of one process take turns too (a JVM cannot hold two OS locks on one file). */
    @Test
    void theLockExcludesOtherThreads() throws Exception {
        TokenStore store = new TokenStore(TokenFiles.seed(dir, "A", "R"));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 25; i++) {
                    new TokenStore(store.path()).locked(() -> {
                        if (inside.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                        return null;
                    });
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, overlaps.get());
    }

    /**
     * A process killed at a random moment while rewriting the file leaves a complete file: the old
     * pair or the new one, never a torn or mixed one, and still owner-only.
     */
    @Test
    void aCrashAtAnyMomentLeavesEitherTheOldOrTheNewFile() throws Exception {
        Path path = TokenFiles.seed(dir, "A0", "R0");
        Random random = new Random(42);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 6; round++) {
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            TokenWriterMain.class.getName(),
                            path.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertEquals("writing", out.readLine(), "the child started");
            Thread.sleep(20 + random.nextInt(200));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));

            JsonNode node = TokenFiles.read(path);
            String access = node.path("access_token").asText();
            String refresh = node.path("refresh_token").asText();
            assertTrue(access.matches("A\\d+"), access);
            assertEquals("R" + access.substring(1), refresh, "a matching pair");
            assertEquals("CLIENT", node.path("client_id").asText());
            assertEquals("rw-------", TokenFiles.mode(path));
        }
        assertFalse(TokenFiles.read(path).path("access_token").asText().equals("A0"), "the children did write");
    }
}
