package dev.fbx.archive;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a reader on a second thread, a few items ahead of the thread that takes them: inflating and
 * parsing an archive's files on one core while the other writes what was read. The queue is short,
 * so memory stays what a few items take; the reader's failure comes out of {@link #next()} as it
 * was thrown, after the items it handed before. Closing (also early, when the taker fails) stops
 * the reader and waits for it, so that nothing reads the archive once this is closed.
 */
final class ReadAhead<T> implements AutoCloseable {
    /** The end of the items, or the reader's failure. */
    private record End(Throwable failure) {}

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private boolean ended;

    /** @param reader hands its items, in order, to the consumer it is given */
    ReadAhead(String name, int capacity, Consumer<Consumer<T>> reader) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(
                () -> {
                    Throwable failure = null;
                    try {
                        reader.accept(this::put);
                    } catch (Stopped e) {
                        return;
                    } catch (RuntimeException | Error e) {
                        failure = e;
                    }
                    try {
                        put(new End(failure));
                    } catch (Stopped e) {
                        // Closed already: nobody waits for the end.
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next item; null after the last. */
    @SuppressWarnings("unchecked")
    T next() {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the archive", e);
        }
        if (item instanceof End end) {
            ended = true;
            if (end.failure() instanceof RuntimeException e) {
                throw e;
            }
            if (end.failure() instanceof Error e) {
                throw e;
            }
            return null;
        }
        return (T) item;
    }

    /** On the reader thread: waits for room, or stops the reader once the taker has closed. */
    private void put(Object item) {
        if (closed) {
            throw new Stopped();
        }
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the reader quietly once nobody takes its items any more. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
