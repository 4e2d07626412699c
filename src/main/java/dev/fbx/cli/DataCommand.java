package dev.fbx.cli;

import dev.fbx.config.Settings;
import dev.fbx.output.RowWriter;
import dev.fbx.record.Row;
import dev.fbx.source.Connection;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every data command does: resolve the range, open the provider, stream its rows to the writer. */
abstract class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RangeOptions range;

    @Mixin
    OutputOptions output;

    /** The columns of the rows {@link #fetch} produces. */
    abstract List<String> columns();

    abstract void fetch(HealthSource source, DateRange range, Consumer<Row> out);

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        range.resolve(LocalDate.now());
        // Checked above before any file is read; resolved here against the account's own today.
        Settings settings = root.settings();
        DateRange days = range.resolve(settings.today());
        try (Connection connection = root.connect(settings);
                RowWriter writer = output.open(columns(), spec.commandLine().getOut())) {
            fetch(connection.source(), days, writer);
            writer.finish();
        }
        return 0;
    }
}
