package dev.fbx.cli;

import dev.fbx.FbxException;
import dev.fbx.api.Redaction;
import dev.fbx.output.ReaderGoneException;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into docs/exit-codes.md's exit code and one line on stderr that says what happened and
 * what to do: {@link FbxException}s carry both, usage errors are 64, anything else is a bug (1). A
 * reader that closed standard output early ends fbx quietly.
 */
@ApplicationScoped
public class ExitHandling {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /**
     * How fbx parses, fails and describes its data commands, for Quarkus's command line and for
     * {@link Main}'s answer to --help alike.
     */
    static CommandLine configure(CommandLine commandLine) {
        commandLine
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(ExitHandling::onFailure)
                .setParameterExceptionHandler(ExitHandling::onUsageError);
        DataCommands.install(commandLine);
        return commandLine;
    }

    static int onFailure(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof ReaderGoneException) {
            return 0;
        }
        PrintWriter err = commandLine.getErr();
        boolean verbose = ((FbxCommand) commandLine.getCommandSpec().root().userObject()).verbose;
        if (e instanceof FbxException fbx) {
            err.println("fbx: " + Redaction.apply(fbx.getMessage()));
            if (verbose && fbx.getCause() != null) {
                printStackTrace(fbx.getCause(), err);
            }
            err.flush();
            return fbx.exitCode();
        }
        err.println("fbx: unexpected error (a bug in fbx): " + Redaction.apply(String.valueOf(e))
                + (verbose ? "" : ". Run again with -v for details, and please report it."));
        if (verbose) {
            printStackTrace(e, err);
        }
        err.flush();
        return 1;
    }

    /** Exception messages can quote what was parsed (a token file's token, say), so traces are redacted too. */
    private static void printStackTrace(Throwable e, PrintWriter err) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(Redaction.apply(trace.toString()));
    }

    static int onUsageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("fbx: " + e.getMessage() + " (see '"
                + commandLine.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return FbxException.USAGE;
    }
}
