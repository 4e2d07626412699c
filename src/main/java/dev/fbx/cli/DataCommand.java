package dev.fbx.cli;

import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.origin.Connection;
import dev.fbx.output.RowWriter;
import dev.fbx.record.Row;
import dev.fbx.source.Stream;
import dev.fbx.source.Streams;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/** What every data command does: resolve the range, open the provider, stream its rows to the writer. */
abstract class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RangeOptions range;

    @Mixin
    OutputOptions output;

    /** What this command prints: the registry's dataset of its name and {@code --detail} ({@link DataCommands}). */
    final Dataset<?> dataset() {
        OptionSpec detail = spec.findOption(DataCommands.DETAIL);
        return Dataset.of(spec.name(), detail == null ? "day" : detail.getValue());
    }

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        range.resolve(RangeOptions.todaySomewhere(root.clock()));
        // Checked above before any file is read or request made; resolved here against the account's own today.
        try (Connection connection = root.connect()) {
            write(connection.source().streams(), dataset(), range.resolve(connection.today()));
        }
        return 0;
    }

    private <R extends Row> void write(Streams streams, Dataset<R> dataset, DateRange days) {
        Stream<R> stream = streams.get(dataset)
                .orElseThrow(() -> new FbxException(
                        FbxException.UNAVAILABLE,
                        "This source does not serve " + dataset.id() + ": " + streams.whyNot(dataset) + "."));
        try (RowWriter writer = output.open(dataset, spec.commandLine().getOut())) {
            stream.fetch(days, writer);
            writer.finish();
        }
    }
}
