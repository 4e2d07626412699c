package dev.fbx.sync;

import dev.fbx.FbxException;
import dev.fbx.api.Transport;
import dev.fbx.output.Format;
import dev.fbx.output.RowWriter;
import dev.fbx.record.Row;
import dev.fbx.source.DateRange;
import dev.fbx.source.HealthSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings {@code DIR/<dataset>/<yyyy-MM-dd>.csv} up to date: fetches the days that are not final
 * yet, each dataset in its endpoint's largest range per request, writes one file per day
 * atomically and records each final day in {@link Progress} right after its file, so a run stopped
 * at any moment (rate limit, fault, signal, kill) loses at most the request in flight.
 */
public final class SyncEngine {
    /** How often in a row {@code --wait} waits for the quota before it gives up (75): a server that never lets us in. */
    private static final int WAITS_IN_A_ROW = 10;
    /** What {@code --wait} waits first when the server announced no reset (Google has no quota headers). */
    private static final Duration UNANNOUNCED_WAIT = Duration.ofSeconds(10);
    /** How long a SIGTERM waits for the file being written; Kubernetes allows 30 s before it kills. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /**
     * @param since the first day; null to continue from the saved progress
     * @param today the last day to write
     * @param lastFinal the last day whose files are final (recorded in the progress): the day before yesterday for an
     *                  API, the day before an archive's last day (which may have been exported mid-day)
     * @param waitForQuota wait for the announced quota reset instead of stopping with 75
     * @param offline the source is an archive: it makes no requests
     */
    public record Options(Path dir, LocalDate since, LocalDate today, LocalDate lastFinal, List<Dataset> datasets, boolean waitForQuota,
            boolean offline) {
        public Options(Path dir, LocalDate since, LocalDate today, List<Dataset> datasets, boolean waitForQuota) {
            this(dir, since, today, today.minusDays(2), datasets, waitForQuota, false);
        }
    }

    private record Chunk(Dataset dataset, DateRange days) {
    }

    private final HealthSource source;
    private final Transport transport;
    private final Rate rate;
    private final Reporter reporter;
    private final Clock clock;
    /** Held while a file is written and recorded; a SIGTERM takes it and never gives it back. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean stopping;

    public SyncEngine(HealthSource source, Transport transport, Rate rate, Reporter reporter, Clock clock) {
        this.source = source;
        this.transport = transport;
        this.rate = rate;
        this.reporter = reporter;
        this.clock = clock;
    }

    public void run(Options options) {
        Path dir = options.dir();
        if (options.since() == null && !Files.exists(dir.resolve(Progress.FILE))) {
            throw needsSince(dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw FbxException.io("Cannot create the sync directory " + dir + " (" + e.getMessage() + "): check the path and permissions.", e);
        }
        try (SyncLock lock = SyncLock.acquire(dir)) {
            Progress progress = Progress.load(dir);
            LocalDate since = options.since() != null ? options.since() : progress.since();
            if (since == null) {
                throw needsSince(dir);
            }
            if (since.isAfter(options.today())) {
                throw FbxException.usage("--since " + since + " is after today (" + options.today() + ").");
            }
            if (!since.equals(progress.since())) {
                progress.since(since);
                progress.save(dir);
            }
            removeLeftovers(dir);
            List<Chunk> plan = plan(progress, options.datasets(), new DateRange(since, options.today()), options.offline());
            Thread hook = new Thread(() -> stop(dir), "fbx-sync-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (options.waitForQuota()) {
                    transport.rateLimitPolicy(waitingPolicy());
                } else {
                    transport.rateLimitPolicy(Transport.FAIL);
                }
                fetch(plan, progress, options);
            } finally {
                reporter.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down: the hook is running and needs no removal.
                }
            }
        }
    }

    private static FbxException needsSince(Path dir) {
        return FbxException.usage("The first sync into " + dir + " needs --since D, the first day to fetch;"
                + " later runs continue from " + Progress.FILE + ".");
    }

    private List<Chunk> plan(Progress progress, List<Dataset> datasets, DateRange period, boolean offline) {
        List<Chunk> chunks = new ArrayList<>();
        List<String> perDataset = new ArrayList<>();
        long files = 0;
        for (Dataset dataset : datasets) {
            int requests = 0;
            for (DateRange gap : progress.missing(dataset.name(), period)) {
                for (DateRange days : gap.chunks(dataset.daysPerRequest())) {
                    chunks.add(new Chunk(dataset, days));
                    requests++;
                    files += days.days();
                }
            }
            perDataset.add(dataset.name() + " " + (offline ? 0 : requests));
        }
        if (offline) {
            reporter.plan("0 requests for " + files + " files (" + String.join(", ", perDataset) + "): all read from the archive");
            return chunks;
        }
        reporter.plan(chunks.size() + " requests for " + files + " files (" + String.join(", ", perDataset) + "), about "
                + Rate.describe(rate.timeFor(chunks.size())) + " at " + rate.label());
        return chunks;
    }

    private void fetch(List<Chunk> plan, Progress progress, Options options) {
        long filesPlanned = plan.stream().mapToLong(c -> c.days().days()).sum();
        long filesDone = 0;
        long requestsBefore = transport.requestsSent();
        Instant started = clock.instant();
        LocalDate lastFinal = options.lastFinal();
        FbxException unreadable = null;
        String skipping = null;
        List<String> unreadableDatasets = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Chunk chunk = plan.get(i);
            Dataset dataset = chunk.dataset();
            if (stopping) {
                return;
            }
            if (dataset.name().equals(skipping)) {
                filesDone += chunk.days().days();
                continue;
            }
            Map<LocalDate, List<Row>> rows;
            try {
                rows = rows(chunk);
            } catch (FbxException e) {
                if (e.exitCode() != FbxException.BAD_DATA) {
                    throw new FbxException(e.exitCode(), e.getMessage() + " Progress is saved: the next fbx sync continues with "
                            + dataset.name() + " " + chunk.days().start() + ".", e);
                }
                // Unreadable data fails this dataset from here on; the other datasets still get their days.
                unreadable = unreadable == null ? e : unreadable;
                unreadableDatasets.add(dataset.name());
                skipping = dataset.name();
                filesDone += chunk.days().days();
                continue;
            }
            for (LocalDate day = chunk.days().start(); !day.isAfter(chunk.days().end()); day = day.plusDays(1)) {
                writing.lock();
                try {
                    if (stopping) {
                        return;
                    }
                    write(options.dir(), dataset, day, rows.getOrDefault(day, List.of()));
                    if (!day.isAfter(lastFinal)) {
                        progress.complete(dataset.name(), day);
                        progress.save(options.dir());
                    }
                } finally {
                    writing.unlock();
                }
                filesDone++;
            }
            long requestsLeft = plan.size() - i - 1L;
            Duration perRequest = Duration.between(started, clock.instant()).dividedBy(i + 1L);
            reporter.progress(new Reporter.Status(dataset.name(), chunk.days().toString(), filesDone, filesPlanned,
                    transport.requestsSent() - requestsBefore, plan.size(), transport.quota().remaining(), eta(requestsLeft, perRequest)));
        }
        if (unreadable != null) {
            throw new FbxException(FbxException.BAD_DATA, String.join(", ", unreadableDatasets) + " stopped early: "
                    + unreadable.getMessage() + " The days before it and the other datasets are saved in " + options.dir() + ".", unreadable);
        }
        reporter.finished("done: " + filesDone + " files in " + options.dir() + " with " + (transport.requestsSent() - requestsBefore)
                + " requests; " + (options.offline() ? "the archive's last day (" + options.today() + ") is not final: the next sync writes it again"
                        : "today's and yesterday's files are fetched again next time"));
    }

    /** The chunk's rows by the day they belong to; rows of days outside the chunk are left to the run that asks for those days. */
    private Map<LocalDate, List<Row>> rows(Chunk chunk) {
        Map<LocalDate, List<Row>> byDay = new TreeMap<>();
        chunk.dataset().fetch().rows(source, chunk.days(), row -> {
            if (chunk.days().contains(row.day())) {
                byDay.computeIfAbsent(row.day(), d -> new ArrayList<>()).add(row);
            }
        });
        return byDay;
    }

    /** A day without data gets a file with the header only: the file says the day was fetched, and every run writes the same bytes. */
    private static void write(Path dir, Dataset dataset, LocalDate day, List<Row> rows) {
        Path folder = dir.resolve(dataset.name());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw FbxException.io("Cannot create " + folder + " (" + e.getMessage() + "): check free space and permissions.", e);
        }
        try (RowWriter writer = RowWriter.open(Format.csv, dataset.columns(), false, folder.resolve(day + ".csv"), null)) {
            rows.forEach(writer);
            writer.finish();
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
     * The shutdown hook (SIGTERM, Ctrl-C): lets the file being written finish and be recorded, then
     * keeps the engine from starting another. A request in flight or a wait for the quota is simply
     * abandoned: nothing of it has been written yet.
     */
    private void stop(Path dir) {
        stopping = true;
        try {
            if (!writing.tryLock(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                reporter.stopped("stopped while writing a file, which is left as it was; progress is saved in "
                        + dir.resolve(Progress.FILE) + ": run fbx sync again to continue.");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reporter.stopped("stopped; progress is saved in " + dir.resolve(Progress.FILE) + ": run fbx sync again to continue.");
    }

    /** Temporary files of a run that was killed while writing; only a sync holding the lock can own them. */
    private static void removeLeftovers(Path dir) {
        List<Path> folders = new ArrayList<>(List.of(dir));
        Dataset.NAMES.forEach(name -> folders.add(dir.resolve(name)));
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ".*.tmp")) {
                for (Path temp : temps) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw FbxException.io("Cannot remove the temporary files a stopped sync left in " + folder + " (" + e.getMessage()
                        + "): check permissions.", e);
            }
        }
    }
}
