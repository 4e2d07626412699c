package dev.fbx.cli;

import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.Row;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;

@Command(name = "br", mixinStandardHelpOptions = true,
        description = {"Breathing rate of the main sleep, in breaths per minute, one row per night; a night belongs to the day it ends on.",
            "Columns: date,breathing_rate"})
public class BreathingRateCommand extends DataCommand {
    @Override
    List<String> columns() {
        return BreathingRateDay.COLUMNS;
    }

    @Override
    void fetch(HealthSource source, DateRange range, Consumer<Row> out) {
        source.breathingRateDays(range, out);
    }
}
