package dev.fbx.cli;

import dev.fbx.doctor.Doctor;
import dev.fbx.doctor.Finding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check this set-up and say what to do about each problem.",
            "%nOne line per check: ✓ fine, ! needs attention, ✗ does not work. Checks the token file (found, readable by you"
                    + " only), the provider (the legacy Fitbit Web API is off), the API and the token (an expired one is renewed, as any"
                    + " command would), the refresh token's life (an OAuth app in 'Testing' loses it 7 days after sign-in), the scopes"
                    + " each command needs, this machine's clock against the API's, and with --out or --db the newest day of data per"
                    + " dataset."
                    + " Never prints a token.",
            "%nExit 0 when nothing is wrong, else the exit code of the most serious problem."
        })
public class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "A sync directory (fbx sync --out DIR): show the newest day of each dataset.")
    Path out;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description =
                    "Instead of --out: a sync's database (fbx sync --db URL), the account's newest day of each dataset.")
    String db;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        List<Finding> findings = new Doctor(root::settings, out, db, Clock.systemUTC()).run();
        PrintWriter stdout = spec.commandLine().getOut();
        findings.forEach(finding -> stdout.println(finding.line()));
        stdout.flush();
        int exitCode = Finding.exitCode(findings);
        if (exitCode != 0) {
            long wrong = findings.stream().filter(Finding::wrong).count();
            PrintWriter err = spec.commandLine().getErr();
            err.println("fbx: doctor found " + wrong + (wrong == 1 ? " problem" : " problems")
                    + ", listed above with what to do.");
            err.flush();
        }
        return exitCode;
    }
}
