package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class ShellUseTest {
    /** In-JVM launches always run on the JVM; the {@code *IT} twin says what the packaged artifact is. */
    boolean nativeBinary() {
        return false;
    }

    @Test
    void bashCompletionCompletesCommandsAndOptionValues(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("completion", "bash");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String script = result.getOutput();
        assertTrue(script.contains("complete -F _complete_fbx"), "registers a completion function for fbx");
        for (String word : new String[] {"hr", "hrv", "profile", "completion", "--detail", "--token-file", "1sec"}) {
            assertTrue(script.contains(word), () -> "the script offers " + word);
        }
    }

    @Test
    void zshCompletionIsTheSameScriptThroughBashcompinit(QuarkusMainLauncher launcher) {
        LaunchResult zsh = launcher.launch("completion", "zsh");
        LaunchResult bash = launcher.launch("completion", "bash");

        assertEquals(0, zsh.exitCode(), zsh.getErrorOutput());
        assertTrue(zsh.getOutput().contains("bashcompinit"));
        assertEquals(bash.getOutput(), zsh.getOutput());
    }

    @Test
    void anUnknownShellIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("completion", "fish");

        assertEquals(64, result.exitCode());
        assertTrue(result.getErrorOutput().contains("fish"), result.getErrorOutput());
    }

    @Test
    void versionSaysWhatIsRunningAndWhichApisItTalksTo(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--version");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String version = result.getOutput();
        assertTrue(version.startsWith("fbx 0.1.0-SNAPSHOT, "), version);
        assertEquals(nativeBinary(), version.contains("native binary"), version);
        assertEquals(!nativeBinary(), version.contains("JVM "), version);
        assertTrue(version.contains("provider: the token file's, else fitbit"), version);
        assertTrue(version.contains("fitbit: https://api.fitbit.com"), version);
        assertTrue(version.contains("google: https://health.googleapis.com"), version);
    }
}
