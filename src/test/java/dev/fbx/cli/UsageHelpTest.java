package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} answers usage help before Quarkus starts: its answer must be the one fbx gives
 * inside Quarkus, for every command, and it must leave everything else, --version first, to Quarkus.
 * A launch here runs Quarkus's own main for the picocli runner, not {@link Main} (see {@link QuarkusOnly}).
 */
@QuarkusMainTest
@TestProfile(UsageHelpTest.QuarkusOnly.class)
class UsageHelpTest {
    /** The entry point as it is without {@link Main}: Quarkus's generated main, running the picocli runner. */
    public static class QuarkusOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.package.main-class", PicocliRunner.class.getName());
        }
    }

    static final List<List<String>> HELP = List.of(
            List.of("--help"),
            List.of("-h"),
            List.of("hr", "--help"),
            List.of("hrv", "-h"),
            List.of("spo2", "--help"),
            List.of("br", "--help"),
            List.of("temp", "--help"),
            List.of("sleep", "--help"),
            List.of("profile", "--help"),
            List.of("sync", "--help"),
            List.of("report", "--help"),
            List.of("doctor", "--help"),
            List.of("auth", "--help"),
            List.of("auth", "login", "--help"),
            List.of("auth", "status", "-h"),
            List.of("auth", "refresh", "--help"),
            List.of("auth", "logout", "--help"),
            List.of("cohort", "--help"),
            List.of("cohort", "sync", "--help"),
            List.of("cohort", "report", "-h"),
            List.of("completion", "--help"),
            // Options before the help request are parsed as usual, and do not change it.
            List.of("--demo", "--provider", "FITBIT", "hr", "--days", "3", "--help"),
            List.of("sync", "--since", "2024-01-01", "--out", "x", "-h"),
            // An unknown word beside a help request: picocli still answers the help, in both.
            List.of("nosuch", "--help"));

    static Optional<Integer> fastPath(List<String> args, StringWriter out) {
        return Main.usageHelp(args.toArray(String[]::new), new PrintWriter(out, true));
    }

    @Test
    void theHelpBeforeQuarkusIsTheHelpInsideIt(QuarkusMainLauncher launcher) {
        for (List<String> args : HELP) {
            StringWriter out = new StringWriter();
            Optional<Integer> exitCode = fastPath(args, out);
            LaunchResult inside = launcher.launch(args.toArray(String[]::new));

            assertEquals(Optional.of(inside.exitCode()), exitCode, args.toString());
            assertEquals(inside.getOutput(), out.toString().stripTrailing(), args.toString());
            assertTrue(inside.getOutput().startsWith("Usage: fbx"), args + ": " + inside.getOutput());
        }
    }

    @Test
    void everythingElseIsLeftToQuarkus() {
        for (List<String> args : List.<List<String>>of(
                List.of("--version"),
                List.of("-V"),
                List.of("--version", "hr", "--help"),
                List.of("hr", "-V"),
                List.of(),
                List.of("hr", "--days", "3"),
                List.of("--demo", "hrv"),
                List.of("hr", "--days", "three", "--help"),
                List.of("completion", "bash"))) {
            StringWriter out = new StringWriter();
            assertEquals(Optional.empty(), fastPath(args, out), args.toString());
            assertEquals("", out.toString(), args.toString());
        }
    }

    @Test
    void onlyAHelpOptionMakesMainTryBeforeQuarkus() {
        for (List<String> args : HELP) {
            assertTrue(Main.mayAskForHelp(args.toArray(String[]::new)), args.toString());
        }
        assertTrue(Main.mayAskForHelp(new String[] {"hr", "-vh"}));
        for (String[] args : List.of(
                new String[] {"--version"},
                new String[] {"-V"},
                new String[] {"hr", "--days", "7"},
                new String[] {"sync", "--hr-detail", "1min"},
                new String[] {})) {
            assertFalse(Main.mayAskForHelp(args), List.of(args).toString());
        }
    }

    @Test
    void everyCommandIsCovered(QuarkusMainLauncher launcher) {
        String help = launcher.launch("--help").getOutput();
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Environment"));
        for (String line : commands.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (line.startsWith("  ") && !line.startsWith("   ") && !name.isEmpty()) {
                assertTrue(HELP.stream().anyMatch(args -> args.contains(name)), name + " is in HELP");
            }
        }
    }
}
