package dev.fbx.sync;

import dev.fbx.FbxException;
import dev.fbx.api.Transport;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.record.Row;
import dev.fbx.sink.Sink;
import dev.fbx.source.Source;
import dev.fbx.source.Stream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings a {@link Sink} up to date: fetches the days that are not final yet, each dataset in its
 * source's largest range per request, streams the rows into the sink's open days (nothing is held
 * here), and once the chunk has arrived commits its days with their progress, so a run stopped at
 * any moment (rate limit, fault, signal, kill) loses at most the chunk in flight.
 */
public final class SyncEngine {
    /** How often in a row {@code --wait} waits for the quota before it gives up (75): a server that never lets us in. */
    private static final int WAITS_IN_A_ROW = 10;
    /** What {@code --wait} waits first when the server announced no reset (Google has no quota headers). */
    private static final Duration UNANNOUNCED_WAIT = Duration.ofSeconds(10);
    /** How long a SIGTERM waits for the day being written; Kubernetes allows 30 s before it kills. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /**
     * @param since the first day; null to continue from the sink's progress (or, for an archive, from its first day)
     * @param today the account's today, in {@code zone}
     * @param zone the account's time zone, recorded in the sink for those who read it later
     * @param waitForQuota wait for the announced quota reset instead of stopping with 75
     */
    public record Options(
            LocalDate since, LocalDate today, ZoneId zone, List<Dataset<?>> datasets, boolean waitForQuota) {}

    private record Chunk(Dataset<?> dataset, Stream<?> stream, DateRange days) {
        long requests() {
            return stream.requests(days);
        }
    }

    private final Source source;
    private final Transport transport;
    private final Rate rate;
    private final Reporter reporter;
    private final Clock clock;
    private final StopSignal signal;
    /** The sink of the run, for the line a stop leaves. */
    private volatile Sink sink;
    /** Held while a row is handed to the sink and while a chunk's days are committed; a SIGTERM takes it and never gives it back. */
    private final ReentrantLock writing = new ReentrantLock();

    private volatile boolean stopping;
    /** The days of the chunk being fetched that have rows, open in the sink until the chunk is committed. Under {@link #writing}. */
    private final Map<LocalDate, Sink.Day> open = new TreeMap<>();
    /** The day the previous row went to, and its open day in the sink. Under {@link #writing}. */
    private LocalDate lastDay;

    private Sink.Day lastOpened;

    /** @param signal the run's shutdown hook, which stops this engine (and the others of a cohort) */
    public SyncEngine(
            Source source, Transport transport, Rate rate, Reporter reporter, Clock clock, StopSignal signal) {
        this.source = source;
        this.transport = transport;
        this.rate = rate;
        this.reporter = reporter;
        this.clock = clock;
        this.signal = signal;
    }

    public void run(Sink sink, Options options) {
        Optional<DateRange> coverage = source.coverage();
        LocalDate since = options.since() != null
                ? options.since()
                : sink.since() != null
                        ? sink.since()
                        : coverage.map(DateRange::start).orElse(null);
        if (since == null) {
            throw FbxException.usage(
                    "The first sync into " + sink.describe() + " needs --since D, the first day to fetch.");
        }
        LocalDate end = coverage.map(DateRange::end)
                .filter(last -> last.isBefore(options.today()))
                .orElse(options.today());
        if (since.isAfter(end)) {
            throw FbxException.usage("--since " + since + " is after "
                    + (end.equals(options.today()) ? "today" : "the last day of the data") + " (" + end + ").");
        }
        sink.since(since);
        sink.zone(options.zone());
        // An API's today and yesterday may still change; so may an archive's last day, exported mid-day.
        LocalDate lastFinal =
                coverage.isPresent() ? end.minusDays(1) : options.today().minusDays(2);
        List<Chunk> plan = plan(sink, options.datasets(), new DateRange(since, end));
        this.sink = sink;
        if (!signal.enter(this)) {
            return;
        }
        try {
            if (options.waitForQuota()) {
                // Without --wait the source's own policy stands: Fitbit's hour ends the run (75), Google's minute is
                // waited out.
                transport.rateLimitPolicy(waitingPolicy());
            }
            fetch(plan, sink, lastFinal);
        } finally {
            signal.leave(this);
            reporter.close();
        }
    }

    private List<Chunk> plan(Sink sink, List<Dataset<?>> datasets, DateRange period) {
        List<Chunk> chunks = new ArrayList<>();
        List<String> perDataset = new ArrayList<>();
        long days = 0;
        // What the run asked before it could plan (the account's time zone for "today", a token): part of the run.
        long requests = transport.requestsSent();
        if (requests > 0) {
            perDataset.add("account " + requests);
        }
        for (Dataset<?> dataset : datasets) {
            Optional<? extends Stream<?>> stream = source.streams().get(dataset);
            if (stream.isEmpty()) {
                reporter.skipped(dataset.id() + " skipped: " + source.streams().whyNot(dataset));
                continue;
            }
            long forDataset = 0;
            for (DateRange gap : sink.missing(dataset, period)) {
                for (DateRange range : gap.chunks(stream.get().daysPerRequest())) {
                    Chunk chunk = new Chunk(dataset, stream.get(), range);
                    chunks.add(chunk);
                    forDataset += chunk.requests();
                    days += range.days();
                }
            }
            requests += forDataset;
            perDataset.add(dataset.id() + " " + forDataset);
        }
        reporter.plan(requests + " requests for " + days + " days (" + String.join(", ", perDataset) + ")"
                + (requests > 0
                        ? ", about " + Rate.describe(rate.timeFor(requests)) + " at " + rate.label()
                                + "; a long list's further pages come on top"
                        : ""));
        return chunks;
    }

    private void fetch(List<Chunk> plan, Sink sink, LocalDate lastFinal) {
        long daysPlanned = plan.stream().mapToLong(c -> c.days().days()).sum();
        long daysDone = 0;
        long requestsBefore = transport.requestsSent();
        Instant started = clock.instant();
        FbxException unreadable = null;
        Dataset<?> skipping = null;
        List<String> unreadableDatasets = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Chunk chunk = plan.get(i);
            Dataset<?> dataset = chunk.dataset();
            if (stopping) {
                return;
            }
            if (dataset == skipping) {
                daysDone += chunk.days().days();
                continue;
            }
            // Each day of the chunk is open in the sink while the source streams: rows go straight to
            // their day (a source may send days out of order: a traveller's samples), nothing is held
            // here, and no day is committed before the whole chunk has arrived.
            try {
                try {
                    chunk.stream().fetch(chunk.days(), row -> write(sink, dataset, chunk.days(), row));
                } catch (SinkFailed e) {
                    throw e.getCause();
                } catch (FbxException e) {
                    if (e.exitCode() != FbxException.BAD_DATA) {
                        throw new FbxException(
                                e.exitCode(),
                                e.getMessage() + " Progress is saved: the next fbx sync continues with " + dataset.id()
                                        + " " + chunk.days().start() + ".",
                                e);
                    }
                    // Unreadable data fails this dataset from here on; the other datasets still get their days.
                    unreadable = unreadable == null ? e : unreadable;
                    unreadableDatasets.add(dataset.id());
                    skipping = dataset;
                    daysDone += chunk.days().days();
                    continue;
                }
                // The chunk's days in one step, so that the sink can record their progress together.
                writing.lock();
                try {
                    if (stopping) {
                        return;
                    }
                    List<Sink.Commit> commits = new ArrayList<>();
                    for (LocalDate day = chunk.days().start();
                            !day.isAfter(chunk.days().end());
                            day = day.plusDays(1)) {
                        if (!open.containsKey(day)) {
                            open.put(day, sink.begin(dataset, day));
                        }
                        commits.add(new Sink.Commit(open.get(day), !day.isAfter(lastFinal)));
                    }
                    sink.commit(commits);
                    daysDone += chunk.days().days();
                } finally {
                    writing.unlock();
                }
            } finally {
                writing.lock();
                try {
                    dropOpenDays();
                } finally {
                    writing.unlock();
                }
            }
            long requestsLeft = plan.subList(i + 1, plan.size()).stream()
                    .mapToLong(Chunk::requests)
                    .sum();
            Duration perRequest = Duration.between(started, clock.instant())
                    .dividedBy(Math.max(1, transport.requestsSent() - requestsBefore));
            reporter.progress(new Reporter.Status(
                    dataset.id(),
                    chunk.days().toString(),
                    daysDone,
                    daysPlanned,
                    transport.requestsSent() - requestsBefore,
                    transport.requestsSent() - requestsBefore + requestsLeft,
                    transport.quota().remaining(),
                    eta(requestsLeft, perRequest)));
        }
        if (unreadable != null) {
            throw new FbxException(
                    FbxException.BAD_DATA,
                    String.join(", ", unreadableDatasets) + " stopped early: " + unreadable.getMessage()
                            + " The days before it and the other datasets are saved (" + sink.describe() + ").",
                    unreadable);
        }
        reporter.finished("done: " + daysDone + " days of data in " + sink.describe() + " with "
                + (transport.requestsSent() - requestsBefore)
                + " requests; the days that may still change are fetched again next time");
    }

    /** Hands a row to its day, opening the day in the sink on its first row; rows of days outside the chunk are left to the run that asks for them. */
    private void write(Sink sink, Dataset<?> dataset, DateRange days, Row row) {
        LocalDate day = row.day();
        if (!days.contains(day)) {
            return;
        }
        // Under the lock, so that a SIGTERM finds no day half-handed and can drop the open ones.
        writing.lock();
        try {
            if (stopping) {
                return;
            }
            // Rows come in runs of one day: the map is asked only when the day changes.
            if (!day.equals(lastDay)) {
                Sink.Day opened = open.get(day);
                if (opened == null) {
                    opened = sink.begin(dataset, day);
                    open.put(day, opened);
                }
                lastDay = day;
                lastOpened = opened;
            }
            lastOpened.accept(row);
        } catch (RuntimeException e) {
            throw e instanceof SinkFailed ? e : new SinkFailed(e);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Closes the chunk's days: those a failure or a stop left uncommitted are dropped, as they
     * were. A day that cannot be closed leaves at most a temporary file, which the next sync removes;
     * its failure does not hide the one that ended the chunk. Under {@link #writing}.
     */
    private void dropOpenDays() {
        for (Sink.Day day : open.values()) {
            try {
                day.close();
            } catch (RuntimeException e) {
                // See above.
            }
        }
        open.clear();
        lastDay = null;
        lastOpened = null;
    }

    /** A sink's failure while the source streams, told apart from the source's own (which stop a dataset, or say where to continue). */
    private static final class SinkFailed extends RuntimeException {
        SinkFailed(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private Duration eta(long requestsLeft, Duration perRequest) {
        var quota = transport.quota();
        if (quota.remaining() == null || quota.resetAt() == null) {
            return rate.timeFor(requestsLeft);
        }
        if (requestsLeft <= quota.remaining()) {
            return perRequest.multipliedBy(requestsLeft);
        }
        Duration untilReset = Duration.between(clock.instant(), quota.resetAt());
        long afterReset = Math.max(0, requestsLeft - quota.remaining() - rate.requests());
        return (untilReset.isNegative() ? Duration.ZERO : untilReset).plus(rate.timeFor(afterReset));
    }

    private Transport.RateLimitPolicy waitingPolicy() {
        Transport.RateLimitPolicy wait = Transport.waitUpTo(WAITS_IN_A_ROW, UNANNOUNCED_WAIT, clock);
        return (limited, times) -> {
            Duration pause = wait.onLimited(limited, times);
            reporter.waiting(pause, clock.instant().plus(pause));
            return pause;
        };
    }

    /**
     * What the shutdown hook (SIGTERM, Ctrl-C) does through {@link StopSignal}: lets the day being
     * written finish and be recorded, then keeps the engine from starting another. A request in
     * flight or a wait for the quota is simply abandoned: nothing of it has been written yet.
     */
    void stop() {
        stopping = true;
        try {
            if (!writing.tryLock(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                reporter.stopped("stopped while writing a day, which is left as it was; progress is saved in "
                        + sink.describe() + ": run fbx sync again to continue.");
                return;
            }
            dropOpenDays();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reporter.stopped("stopped; progress is saved in " + sink.describe() + ": run fbx sync again to continue.");
    }
}
