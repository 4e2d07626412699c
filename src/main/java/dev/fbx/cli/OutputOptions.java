package dev.fbx.cli;

import dev.fbx.dataset.Dataset;
import dev.fbx.output.Format;
import dev.fbx.output.RowWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how a data command writes its rows. */
public class OutputOptions {
    @Option(
            names = "--format",
            paramLabel = "csv|ndjson|json",
            defaultValue = "csv",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE (atomically: it appears whole or not at all) instead of standard output.")
    Path output;

    @Option(
            names = "--utc",
            description =
                    "Times as UTC instants (2024-05-10T06:01:00Z) instead of the account's local time with its offset.")
    boolean utc;

    RowWriter open(Dataset<?> dataset, PrintWriter stdout) {
        return RowWriter.open(format, dataset, utc, output, stdout);
    }
}
