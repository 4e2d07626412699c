package dev.fbx.cli;

import dev.fbx.dataset.DateRange;
import dev.fbx.record.Row;
import dev.fbx.output.RowWriter;
import dev.fbx.source.Stream;
import dev.fbx.source.Streams;
import dev.fbx.source.Connection;
import dev.fbx.config.Settings;
import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import java.time.LocalDate;
import java.util.concurrent.Callable;
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

    /** The command's {@code --detail}: {@code day} for the daily summary. */
    String detail() {
        return "day";
    }

    /** What this command prints: the registry's dataset of its name and detail. */
    final Dataset<?> dataset() {
        return Dataset.of(spec.name(), detail());
    }

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        range.resolve(LocalDate.now());
        // Checked above before any file is read; resolved here against the account's own today.
        Settings settings = root.settings();
        DateRange days = range.resolve(settings.today());
        try (Connection connection = root.connect(settings)) {
            write(connection.source().streams(), dataset(), days);
        }
        return 0;
    }

    private <R extends Row> void write(Streams streams, Dataset<R> dataset, DateRange days) {
        Stream<R> stream = streams.get(dataset).orElseThrow(() -> new FbxException(FbxException.UNAVAILABLE,
                "This source does not serve " + dataset.id() + ": " + streams.whyNot(dataset) + "."));
        try (RowWriter writer = output.open(dataset, spec.commandLine().getOut())) {
            stream.fetch(days, writer);
            writer.finish();
        }
    }
}
