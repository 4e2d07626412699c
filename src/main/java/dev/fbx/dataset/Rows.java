package dev.fbx.dataset;

import dev.fbx.record.Row;
import java.util.function.Consumer;

/** Rows of datasets, wherever they are: a source's streams, a sync directory, a sync database. */
public interface Rows {
    /** Whether there is anything of {@code dataset} to read at all. */
    boolean has(Dataset<?> dataset);

    /** The rows of {@code dataset} in {@code range}, in time order; nothing when there are none. */
    <R extends Row> void read(Dataset<R> dataset, DateRange range, Consumer<? super R> out);
}
