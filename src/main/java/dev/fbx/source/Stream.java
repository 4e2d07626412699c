package dev.fbx.source;

import dev.fbx.dataset.DateRange;
import dev.fbx.record.Row;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One dataset as a source serves it: how many days one request covers (the numbers sync plans
 * with), and the rows of a range in time order, each once, handed on as they come.
 */
public interface Stream<R extends Row> {
    /** The most days one request (for {@code hr-day} on Google, one pair of requests) covers; the fetch splits its range to this. */
    int daysPerRequest();

    /** The requests that fetching {@code range} makes, pages beyond the first of a list aside. */
    default long requests(DateRange range) {
        return range.chunks(daysPerRequest()).size();
    }

    /** The range's rows, in time order, each once. */
    void fetch(DateRange range, Consumer<? super R> out);

    /** One request and its decoding: hands every row of the answer to {@code row}, in any order. */
    @FunctionalInterface
    interface Request<T> {
        void fetch(DateRange chunk, Consumer<T> row);
    }

    /**
     * The fetch every API source shares: the range split to {@code days} per request, each chunk
     * fetched and decoded by {@code request}, and of its rows only those of the chunk's own days
     * kept (a neighbour's day is left to the request for that day), in {@code key} order, each once.
     *
     * @param key what orders the rows and tells a repeat (a date, an instant, a sleep's start)
     */
    static <R extends Row, K extends Comparable<? super K>> Stream<R> chunked(
            int days, Function<? super R, K> key, Request<R> request) {
        return chunked(days, 1, key, request);
    }

    /** As {@link #chunked(int, Function, Request)}, where one chunk takes {@code requestsPerChunk} requests. */
    static <R extends Row, K extends Comparable<? super K>> Stream<R> chunked(
            int days, int requestsPerChunk, Function<? super R, K> key, Request<R> request) {
        return new Stream<>() {
            @Override
            public int daysPerRequest() {
                return days;
            }

            @Override
            public long requests(DateRange range) {
                return range.chunks(days).size() * (long) requestsPerChunk;
            }

            @Override
            public void fetch(DateRange range, Consumer<? super R> out) {
                for (DateRange chunk : range.chunks(days)) {
                    TreeMap<K, R> rows = new TreeMap<>();
                    request.fetch(chunk, row -> {
                        if (row != null && chunk.contains(row.day())) {
                            rows.putIfAbsent(key.apply(row), row);
                        }
                    });
                    rows.values().forEach(out);
                }
            }
        };
    }

    /** Rows read from files, not requested: handed {@code days} at a time, and no request counted. */
    static <R extends Row> Stream<R> local(int days, Request<R> read) {
        return new Stream<>() {
            @Override
            public int daysPerRequest() {
                return days;
            }

            @Override
            public long requests(DateRange range) {
                return 0;
            }

            @SuppressWarnings("unchecked")
            @Override
            public void fetch(DateRange range, Consumer<? super R> out) {
                read.fetch(range, (Consumer<R>) out);
            }
        };
    }
}
