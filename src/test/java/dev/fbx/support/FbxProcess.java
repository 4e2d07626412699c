package dev.fbx.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged fbx (the native binary when {@code -Dnative} built one, else the jar) as a
 * child process, the way a user's shell or a CronJob does: real environment variables, real
 * signals, real exit codes. For the integration tests ({@code *IT}) that need more than one
 * process or a process that dies.
 */
public final class FbxProcess {
    private FbxProcess() {}

    /** The command line that starts the packaged fbx. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            command.add(nativeImage);
        } else {
            Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException("package fbx first: " + jar.toAbsolutePath() + " is missing");
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
        }
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Starts fbx in {@code dir} with {@code env} added to a clean environment (no FBX_* of the
     * machine leaks in); stdout and stderr go to files in {@code dir}.
     */
    public static Process start(Path dir, Map<String, String> env, String name, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("FBX_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs fbx to completion (at most two minutes) and returns its exit code. */
    public static int run(Path dir, Map<String, String> env, String name, String... args)
            throws IOException, InterruptedException {
        Process process = start(dir, env, name, args);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("fbx " + String.join(" ", args) + " did not finish in two minutes");
        }
        return process.exitValue();
    }

    public static String output(Path dir, String name, String stream) throws IOException {
        File file = dir.resolve(name + "." + stream).toFile();
        return file.exists() ? Files.readString(file.toPath()) : "";
    }
}
