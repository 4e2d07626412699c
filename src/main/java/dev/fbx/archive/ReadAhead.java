package dev.fbx.archive;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs reads on worker threads, a few ahead of the thread that takes their results, in the reads'
 * order: inflating and parsing an archive's entries on as many cores as there are while this
 * thread writes what was read. Only a few results wait at a time, so memory stays what they take;
 * a reader's failure comes out of {@link #next()} as it was thrown, after the results before it.
 * Closing (also early, when the taker fails) drops what was not started and waits for what was,
 * so that nothing reads the archive once this is closed.
 */
final class ReadAhead<T> implements AutoCloseable {
    private final ExecutorService workers;
    private final Iterator<Supplier<T>> reads;
    private final int ahead;
    private final ArrayDeque<Future<T>> started = new ArrayDeque<>();

    /**
     * @param threads how many items are read at once
     * @param ahead   how many results may wait (read or being read) for the taker
     */
    ReadAhead(String name, int threads, int ahead, List<Supplier<T>> reads) {
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        this.reads = reads.iterator();
        this.ahead = Math.max(ahead, threads);
    }

    /** The next read's result, in the reads' order. */
    T next() {
        while (started.size() < ahead && reads.hasNext()) {
            started.add(workers.submit(reads.next()::get));
        }
        Future<T> result = started.remove();
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the archive", e);
        }
    }

    @Override
    public void close() {
        started.forEach(future -> future.cancel(false));
        workers.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (workers.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
