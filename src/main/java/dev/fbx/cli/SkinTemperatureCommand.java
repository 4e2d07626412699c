package dev.fbx.cli;

import dev.fbx.record.Row;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;

@Command(name = "temp", mixinStandardHelpOptions = true,
        description = {"Skin temperature of the main sleep relative to your baseline (°C), one row per night; a night belongs to the day it ends on.",
            "Columns: date,nightly_relative",
            "  fitbit: the API's own nightly relative value.",
            "  google: the API serves absolute temperatures; fbx writes nightly minus baseline."})
public class SkinTemperatureCommand extends DataCommand {
    @Override
    List<String> columns() {
        return SkinTemperatureDay.COLUMNS;
    }

    @Override
    void fetch(HealthSource source, DateRange range, Consumer<Row> out) {
        source.skinTemperatureDays(range, out);
    }
}
