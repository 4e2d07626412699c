package dev.fbx.cli;

import dev.fbx.config.Settings;
import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.origin.Connection;
import dev.fbx.sink.Sink;
import dev.fbx.sink.Sinks;
import dev.fbx.sync.Reporter;
import dev.fbx.sync.StopSignal;
import dev.fbx.sync.SyncEngine;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * What 'fbx sync' and 'fbx cohort sync' share: the first day, the datasets, whether to wait for
 * the quota, and one account's sync with them, so that a cohort's participant is synced exactly
 * as 'fbx sync' syncs an account.
 */
public class SyncOptions {
    @Option(
            names = "--since",
            paramLabel = "D",
            description =
                    "First day (yyyy-MM-dd, today or yesterday). Needed by the first run (with --archive it defaults to the archive's"
                            + " first day); later runs continue from the saved progress,"
                            + " and a --since given again moves the start (an earlier day fills in the days before).")
    String since;

    @Option(
            names = "--types",
            paramLabel = "TYPE",
            split = ",",
            defaultValue = "hr,hrv",
            description =
                    "Types (hr, hrv, spo2, br, temp, sleep: each one's daily dataset) or dataset names (hr-1min, hrv-intraday, ...)."
                            + " Default: ${DEFAULT-VALUE}.")
    List<String> types;

    @Option(
            names = "--hr-detail",
            paramLabel = "day|1sec|1min|5min|15min",
            defaultValue = "day",
            completionCandidates = HrDetails.class,
            converter = HrDetails.class,
            description =
                    "With an intraday resolution, the hr type also keeps hr-<detail> (one request per day on fitbit). Default: day (summary only).")
    String hrDetail;

    @Option(
            names = "--hrv-detail",
            paramLabel = "day|intraday",
            defaultValue = "day",
            completionCandidates = HrvDetails.class,
            converter = HrvDetails.class,
            description =
                    "intraday: the hrv type also keeps hrv-intraday (5-minute windows). Default: day (summary only).")
    String hrvDetail;

    @Option(
            names = "--wait",
            description = "When the rate limit is reached, sleep until the quota resets and carry on, instead of saving"
                    + " progress and exiting 75.")
    boolean waitForQuota;

    /** The datasets asked for; a bad --since or --types is a usage error before any file is read or request made. */
    List<Dataset<?>> datasets(Clock clock) {
        if (since != null) {
            // Resolved below against each account's own today.
            RangeOptions.day(since, "--since", RangeOptions.todaySomewhere(clock));
        }
        return Dataset.select(types, hrDetail, hrvDetail);
    }

    /**
     * Brings one account's data in {@code target} up to date.
     *
     * @param account the account's id in a database that many share, asked for only by a database
     */
    void sync(
            Connection connection,
            List<Dataset<?>> datasets,
            Sinks.Target target,
            Settings settings,
            Supplier<String> account,
            Reporter reporter,
            Clock clock,
            StopSignal signal) {
        LocalDate today = connection.today();
        LocalDate first = since == null ? null : RangeOptions.day(since, "--since", today);
        // An archive's first day is the first sync's default start.
        LocalDate start = first != null
                ? first
                : connection.source().coverage().map(DateRange::start).orElse(null);
        try (Sink sink = Sinks.open(target, start, settings, account)) {
            new SyncEngine(connection.source(), connection.transport(), connection.rate(), reporter, clock, signal)
                    .run(sink, new SyncEngine.Options(first, today, connection.zone(), datasets, waitForQuota));
        }
    }

    /** The details of {@code hr}, for {@code --hr-detail}. */
    static final class HrDetails extends Choices {
        HrDetails() {
            super(DataCommands.details("hr"));
        }
    }

    /** The details of {@code hrv}, for {@code --hrv-detail}. */
    static final class HrvDetails extends Choices {
        HrvDetails() {
            super(DataCommands.details("hrv"));
        }
    }
}
