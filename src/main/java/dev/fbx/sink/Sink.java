package dev.fbx.sink;

import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.record.Row;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where {@code fbx sync} keeps one account's data and its progress: a CSV directory, a database.
 * An open sink holds its target for the run (no second sync writes beside it). A day of a dataset
 * is written as a whole: its rows replace what the sink held for that day, and, when the day is
 * final, its progress mark is recorded in the same step, so that a run killed at any moment and
 * started again ends with exactly the rows of an uninterrupted run.
 */
public interface Sink extends AutoCloseable {
    /** The target, for messages (a database URL without its password). */
    String describe();

    /** The first day that syncs into this target cover, or null before the first sync. */
    LocalDate since();

    void since(LocalDate since);

    /** The account's time zone as the last sync recorded it, whose today a reader of the target uses; empty before. */
    Optional<ZoneId> zone();

    /** Records the account's time zone (written with the next progress, or at once). */
    void zone(ZoneId zone);

    /** The stretches of {@code period} whose days of {@code dataset} are not final yet, in date order. */
    List<DateRange> missing(Dataset<?> dataset, DateRange period);

    /** The newest day that holds rows of {@code dataset}: data that stops is a device that stopped syncing. */
    Optional<LocalDate> newestData(Dataset<?> dataset);

    /** Starts writing {@code day} of {@code dataset}; nothing of it is visible until {@link Day#commit}. */
    Day begin(Dataset<?> dataset, LocalDate day);

    /**
     * Commits several days, in date order, as {@link Day#commit} would one after the other; a sink
     * may record their progress marks together after the last day's rows (one write for a
     * chunk's days instead of one each): a failure part-way leaves some days' rows without their
     * mark, and those days are simply written again. The caller closes the days.
     */
    default void commit(List<Commit> days) {
        days.forEach(c -> c.day().commit(c.complete()));
    }

    /** A day to commit, and whether it is final. */
    record Commit(Day day, boolean complete) {}

    @Override
    void close();

    /** One day of one dataset being written: rows in time order, then commit, or close to abort. */
    interface Day extends Consumer<Row>, AutoCloseable {
        /** Makes the day's rows visible and, if {@code complete}, records the day as final: both, or neither. */
        void commit(boolean complete);

        /** Without a commit: drops what was accepted, leaving the day as it was. */
        @Override
        void close();
    }
}
