package dev.fbx.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run's one shutdown hook (SIGTERM from Kubernetes, Ctrl-C): it stops every sync engine running
 * under it at once, each letting the day it is writing finish and be recorded ({@link
 * SyncEngine#stop}), so that a cohort's participants all stop within the pod's grace period; an
 * engine that would start after it does not. The hook is removed when the run ends.
 */
public final class StopSignal implements AutoCloseable {
    private final Set<SyncEngine> running = new HashSet<>();
    private final Thread hook = new Thread(this::stopAll, "fbx-sync-stop");
    private boolean stopped;

    private StopSignal() {}

    public static StopSignal install() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Whether the signal came: nothing new is to start. */
    public synchronized boolean stopped() {
        return stopped;
    }

    /** Registers an engine about to write; false when the signal already came, and it must not. */
    synchronized boolean enter(SyncEngine engine) {
        if (stopped) {
            return false;
        }
        running.add(engine);
        return true;
    }

    synchronized void leave(SyncEngine engine) {
        running.remove(engine);
    }

    private void stopAll() {
        List<SyncEngine> engines;
        synchronized (this) {
            stopped = true;
            engines = new ArrayList<>(running);
        }
        // Side by side: each may wait for its day being written, and together they must fit in the grace period.
        List<Thread> stopping = new ArrayList<>();
        for (SyncEngine engine : engines) {
            Thread thread = new Thread(engine::stop, "fbx-sync-stop-" + stopping.size());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and needs no removal.
        }
    }
}
