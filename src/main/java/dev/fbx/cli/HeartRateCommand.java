package dev.fbx.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hr", mixinStandardHelpOptions = true,
        description = "Heart rate: a daily summary (resting heart rate, minutes per zone), or intraday samples (the mean per window).")
public class HeartRateCommand extends DataCommand {
    @Option(names = "--detail", paramLabel = "day|1sec|1min|5min|15min", defaultValue = "day",
            completionCandidates = Details.class, converter = Details.class,
            description = "day (default) or an intraday resolution; intraday takes one request per day.")
    String detail;

    @Override
    String detail() {
        return detail;
    }

    /** The accepted values of {@code --detail}, for checking and completion. */
    static final class Details extends Choices {
        Details() {
            super("day", "1sec", "1min", "5min", "15min");
        }
    }
}
