package dev.fbx.cli;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * fbx's entry point ({@code quarkus.package.main-class}). A request for usage help ({@code fbx --help},
 * {@code fbx sync -h}) is answered before Quarkus starts: the help is the commands' annotations and
 * nothing else, and starting Quarkus first (its run-time configuration, Vert.x, shutting both down)
 * took about two thirds of the native binary's 40 ms. The answer is picocli's own: the same command
 * line, parsed the same way, printed by the same call that the picocli runner would make. Everything
 * else, {@code --version} included (it prints configuration), runs in Quarkus as before.
 */
public final class Main {
    private Main() {}

    public static void main(String... args) {
        Optional<Integer> answered = mayAskForHelp(args) ? usageHelp(args, null) : Optional.empty();
        if (answered.isEmpty()) {
            Quarkus.run(PicocliRunner.class, args);
        } else if (answered.get() != 0) {
            System.exit(answered.get());
        }
        // Help given (exit 0): returning ends the process, which started no other thread, and lets a
        // test launcher that calls main() carry on.
    }

    /**
     * Whether {@code args} hold picocli's usage help option, {@code --help} or {@code -h}, alone or in
     * a cluster of short options ({@code -vh}). Only then is the command line built twice (here, and
     * in Quarkus if it was no help request after all); without this test every other command, --version
     * too, would pay for it. A miss costs only time: Quarkus's picocli answers the same.
     */
    static boolean mayAskForHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.matches("-[a-zA-Z]*h[a-zA-Z]*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Prints the usage help that {@code args} ask for, exactly as picocli's execution would, and
     * returns the exit code; empty when {@code args} ask for something else, version help included,
     * or do not parse (the full run then says what is wrong).
     *
     * @param out where the help goes (null: standard output, as picocli's default)
     */
    static Optional<Integer> usageHelp(String[] args, PrintWriter out) {
        CommandLine commandLine;
        ParseResult parsed;
        try {
            commandLine = ExitHandling.configure(new CommandLine(FbxCommand.class, CommandLine.defaultFactory()));
            if (out != null) {
                commandLine.setOut(out);
            }
            parsed = commandLine.parseArgs(args);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        // picocli answers the first help request along the chain of commands (fbx --version hr --help: the version).
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            if (command.isVersionHelpRequested()) {
                return Optional.empty();
            }
            if (command.isUsageHelpRequested()) {
                Integer exitCode = CommandLine.executeHelpRequest(parsed);
                commandLine.getOut().flush();
                return Optional.ofNullable(exitCode);
            }
        }
        return Optional.empty();
    }
}
