package dev.fbx.cli;

import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.Row;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hrv", mixinStandardHelpOptions = true,
        description = {"Heart-rate variability of the main sleep: the nightly summary, or its 5-minute windows.",
            "A night belongs to the day it ends on. Columns: date,daily_rmssd,deep_rmssd",
            "  with --detail intraday: time,rmssd,coverage,hf,lf"})
public class HrvCommand extends DataCommand {
    @Option(names = "--detail", paramLabel = "day|intraday", defaultValue = "day",
            completionCandidates = Details.class, converter = Details.class,
            description = "day (default) or intraday (5-minute windows).")
    String detail;

    @Override
    List<String> columns() {
        return detail.equals("day") ? HrvDay.COLUMNS : HrvSample.COLUMNS;
    }

    @Override
    void fetch(HealthSource source, DateRange range, Consumer<Row> out) {
        if (detail.equals("day")) {
            source.hrvDays(range, out);
        } else {
            source.hrvSamples(range, out);
        }
    }

    static final class Details extends Choices {
        Details() {
            super("day", "intraday");
        }
    }
}
