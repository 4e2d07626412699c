package dev.fbx.dataset;

import dev.fbx.record.Row;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;

/** Rows of datasets, wherever they are: a source's streams, a sync directory, a sync database. */
public interface Rows {
    /** Whether there is anything of {@code dataset} to read at all. */
    boolean has(Dataset<?> dataset);

    /** The rows of {@code dataset} in {@code range}, in time order; nothing when there are none. */
    <R extends Row> void read(Dataset<R> dataset, DateRange range, Consumer<? super R> out);

    /**
     * The newest day holding rows of {@code dataset}, where a store knows it without fetching (a sync
     * directory, a sync database); empty when there are none, and from a source, which would have to ask.
     */
    default Optional<LocalDate> newest(Dataset<?> dataset) {
        return Optional.empty();
    }
}
