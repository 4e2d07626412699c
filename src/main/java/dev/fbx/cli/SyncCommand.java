package dev.fbx.cli;

import dev.fbx.config.Settings;
import dev.fbx.dataset.Dataset;
import dev.fbx.origin.Connection;
import dev.fbx.sink.Sinks;
import dev.fbx.sync.Reporter;
import dev.fbx.sync.StopSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Incremental, resumable download of every day from --since up to today into DIR/<dataset>/<yyyy-MM-dd>.csv:"
                    + " one file per dataset and day, with the columns of the matching command (the header only on a day without data).",
            "",
            "Progress lives in DIR/.fbx-sync.json. A run stopped at any moment continues where it stopped; days before yesterday"
                    + " are never fetched twice, today's and yesterday's files are fetched again by the next run.",
            "",
            "With --db URL (or FBX_DB_URL) instead: a PostgreSQL database, one table per dataset (fbx_hr_day, fbx_hr_1min, ...) keyed by"
                    + " account, each day written in one transaction with its progress row; many accounts can share it.",
            "",
            "Datasets: hr-day, hr-1sec, hr-1min, hr-5min, hr-15min, hrv-day, hrv-intraday, spo2, br, temp, sleep.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every day up to today is written",
            "64:usage error",
            "65:a dataset's data could not be read (that dataset stops there, the others go on)",
            "69:the API kept failing (progress saved: run again later)",
            "74:cannot write DIR, or the database is unreachable or refused a write (what was committed stays)",
            "75:rate limited (progress saved: run again after the printed time, or use --wait), or another sync holds DIR or the account",
            "77:not authorised: run 'fbx auth login'",
            "78:token file, or DIR/.fbx-sync.json corrupt (it is left as it is); the database refused the login, or has a table of another shape"
        })
public class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "The directory to keep in sync (created if missing).")
    Path out;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description =
                    "Instead of --out: a PostgreSQL database, postgresql://user@host:port/database[?sslmode=...] (env FBX_DB_URL),"
                            + " one table per dataset (fbx_hr_day, ...) shared by many accounts. The password comes from FBX_DB_PASSWORD,"
                            + " PGPASSWORD or ~/.pgpass, never from the URL.")
    String db;

    @Mixin
    SyncOptions options;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        List<Dataset<?>> datasets = options.datasets(root.clock());
        Settings settings = root.settings();
        Sinks.Target target = Sinks.Target.of(out, db, settings);
        PrintWriter err = spec.commandLine().getErr();
        Reporter reporter =
                root.quiet ? Reporter.quiet(err) : System.console() != null ? Reporter.live(err) : Reporter.lines(err);
        try (StopSignal signal = StopSignal.install();
                Connection connection = root.connect(settings)) {
            options.sync(
                    connection,
                    datasets,
                    target,
                    settings,
                    () -> connection.source().account(),
                    reporter,
                    root.clock(),
                    signal);
        }
        return 0;
    }
}
