package dev.fbx.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hrv", mixinStandardHelpOptions = true,
        description = {"Heart-rate variability of the main sleep: the nightly summary, or its 5-minute windows.",
            "A night belongs to the day it ends on."})
public class HrvCommand extends DataCommand {
    @Option(names = "--detail", paramLabel = "day|intraday", defaultValue = "day",
            completionCandidates = Details.class, converter = Details.class,
            description = "day (default) or intraday (5-minute windows).")
    String detail;

    @Override
    String detail() {
        return detail;
    }

    static final class Details extends Choices {
        Details() {
            super("day", "intraday");
        }
    }
}
