package dev.fbx.cohort;

import dev.fbx.FbxException;
import dev.fbx.sync.StopSignal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A cohort's participants synced side by side, a fixed number at once, each on its own (its own
 * token file, quota, connection and sink): one participant's failure is recorded as their
 * {@link Outcome} and the others go on. After the run's stop signal no participant starts.
 */
public final class CohortSync {
    /**
     * The exit codes of participants not done, most serious first (docs/exit-codes.md): a usage error
     * or a bug concerns every participant, then what a person must fix (a participant's token file,
     * their sign-in, their archive), then what a retry may fix (the database, the API, the quota).
     */
    static final List<Integer> SEVERITY = List.of(
            FbxException.USAGE,
            1,
            FbxException.CONFIG,
            FbxException.NOT_AUTHORISED,
            FbxException.BAD_DATA,
            FbxException.IO_ERROR,
            FbxException.UNAVAILABLE,
            FbxException.RATE_LIMITED);

    /** The codes of a participant's own problems, which a person must fix for them and a retry of the run cannot. */
    static final List<Integer> PARTICIPANTS_OWN =
            List.of(FbxException.USAGE, FbxException.CONFIG, FbxException.NOT_AUTHORISED, FbxException.BAD_DATA);

    /** How one participant's sync ended: done (exit code 0), or not, with the exit code and the line that says why. */
    public record Outcome(Roster.Participant participant, int exitCode, String problem) {
        public boolean done() {
            return exitCode == 0;
        }
    }

    private CohortSync() {}

    /**
     * Syncs each participant with {@code sync}, up to {@code parallel} at once, and returns how each
     * ended, in the order given.
     */
    public static List<Outcome> run(
            List<Roster.Participant> participants, int parallel, StopSignal signal, Consumer<Roster.Participant> sync) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, task -> {
            Thread thread = new Thread(task, "fbx-cohort-" + threads.incrementAndGet());
            // A signal ends the process once its hook has stopped the engines; the workers must not hold it up.
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome>> running = new ArrayList<>();
            for (Roster.Participant participant : participants) {
                running.add(pool.submit(() -> one(participant, signal, sync)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> outcome : running) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FbxException(1, "Interrupted while the participants were synced.", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome one(Roster.Participant participant, StopSignal signal, Consumer<Roster.Participant> sync) {
        if (signal.stopped()) {
            return new Outcome(
                    participant,
                    FbxException.RATE_LIMITED,
                    "not started: fbx was stopped; run fbx cohort sync again to continue.");
        }
        try {
            sync.accept(participant);
            return new Outcome(participant, 0, null);
        } catch (FbxException e) {
            return new Outcome(participant, e.exitCode(), e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(
                    participant,
                    1,
                    "unexpected error (a bug in fbx): " + e + ". Run again with -v, and please report it.");
        }
    }

    /**
     * 0 when every participant is done, else the most serious code of those not done.
     *
     * @param tolerate leave out the participants' own problems ({@link #PARTICIPANTS_OWN}): a Kubernetes
     *     Job would otherwise run the shard again and again for a participant only a person can help
     */
    public static int exitCode(List<Outcome> outcomes, boolean tolerate) {
        return mostSerious(outcomes, tolerate).map(Outcome::exitCode).orElse(0);
    }

    /** The participant not done whose exit code is the run's; empty when none counts. */
    public static Optional<Outcome> mostSerious(List<Outcome> outcomes, boolean tolerate) {
        return outcomes.stream()
                .filter(o -> !o.done() && !(tolerate && PARTICIPANTS_OWN.contains(o.exitCode())))
                .min(Comparator.comparingInt(o -> rank(o.exitCode())));
    }

    private static int rank(int exitCode) {
        int rank = SEVERITY.indexOf(exitCode);
        return rank < 0 ? SEVERITY.size() : rank;
    }
}
