package dev.fbx.source;

import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Rows;
import dev.fbx.record.Row;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A source's table of streams, by dataset: each stream of its dataset's record, so the lookup is typed. */
public final class Streams implements Rows {
    private final Map<Dataset<?>, Stream<?>> streams = new IdentityHashMap<>();
    private final Map<Dataset<?>, String> missing = new IdentityHashMap<>();

    public <R extends Row> Streams with(Dataset<R> dataset, Stream<R> stream) {
        streams.put(dataset, stream);
        return this;
    }

    /** Records that the source cannot serve {@code dataset}, and why (for the user: "the archive holds no ... files"). */
    public Streams without(Dataset<?> dataset, String why) {
        streams.remove(dataset);
        missing.put(dataset, why);
        return this;
    }

    /** Why the source serves no {@code dataset}; a generic reason when it gave none. */
    public String whyNot(Dataset<?> dataset) {
        return missing.getOrDefault(dataset, "it has no way to ask for " + dataset.id());
    }

    /** The stream of {@code dataset}; empty when the source does not serve it. */
    @SuppressWarnings("unchecked")
    public <R extends Row> Optional<Stream<R>> get(Dataset<R> dataset) {
        return Optional.ofNullable((Stream<R>) streams.get(dataset));
    }

    @Override
    public boolean has(Dataset<?> dataset) {
        return streams.containsKey(dataset);
    }

    @Override
    public <R extends Row> void read(Dataset<R> dataset, DateRange range, Consumer<? super R> out) {
        get(dataset).ifPresent(stream -> stream.fetch(range, out));
    }

    /** The datasets served, in the registry's order. */
    public List<Dataset<?>> datasets() {
        return Dataset.values().stream().filter(streams::containsKey).toList();
    }
}
