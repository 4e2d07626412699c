package dev.fbx.source;

import dev.fbx.record.Row;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The fetch skeleton every source shares: the range split to the source's limit per request, each
 * chunk fetched and decoded by the source, and of its rows only those of the chunk's own days kept
 * (a neighbour's day is left to the request for that day), in time order, each once.
 */
final class Chunks {
    private Chunks() {
    }

    /** One request and its decoding: hands every row of the answer to {@code row}, in any order. */
    @FunctionalInterface
    interface Request<T> {
        void fetch(DateRange chunk, Consumer<T> row);
    }

    /**
     * @param days the most days one request covers
     * @param key  what orders the rows and tells a repeat (a date, an instant, a sleep's start)
     */
    static <T extends Row, K extends Comparable<? super K>> void fetch(DateRange range, int days, Function<? super T, K> key,
            Request<T> request, Consumer<? super T> out) {
        for (DateRange chunk : range.chunks(days)) {
            TreeMap<K, T> rows = new TreeMap<>();
            request.fetch(chunk, row -> {
                if (row != null && chunk.contains(row.day())) {
                    rows.putIfAbsent(key.apply(row), row);
                }
            });
            rows.values().forEach(out);
        }
    }
}
