package dev.fbx.cli;

import dev.fbx.FbxException;
import dev.fbx.api.Redaction;
import dev.fbx.auth.RefreshTokenLife;
import dev.fbx.cohort.CohortSync;
import dev.fbx.cohort.Roster;
import dev.fbx.cohort.Shard;
import dev.fbx.config.Settings;
import dev.fbx.dataset.Dataset;
import dev.fbx.origin.Connection;
import dev.fbx.origin.Origin;
import dev.fbx.sink.Sinks;
import dev.fbx.sync.Reporter;
import dev.fbx.sync.StopSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            "Syncs every participant of the roster as 'fbx sync' syncs an account (the same plan, quota handling and progress),"
                    + " up to --parallel at once, each within their own API quota: into a PostgreSQL database with the participant's"
                    + " id as the account (never the provider's user id, name or e-mail), or into DIR/<participant>/.",
            "",
            "The roster is CSV with the header participant,token_file,archive: the study's id ([A-Za-z0-9_-], at most 64),"
                    + " and a token file or an archive (relative paths from the roster's folder). It is checked whole first:"
                    + " a wrong line is exit 65 before anything is fetched. With --demo each participant is a synthetic person"
                    + " seeded by their id, and the files are not needed.",
            "",
            "One participant's failure does not stop the others: each participant not done gets a line on stderr with the"
                    + " reason and the fix, and the exit code is the most serious of theirs.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every participant is done",
            "64:usage error (also a participant's: a first sync without --since)",
            "65:the roster is malformed (nothing fetched), or a participant's data could not be read",
            "69:the API kept failing for a participant (progress saved)",
            "74:cannot write DIR, or the database is unreachable or refused a write",
            "75:a participant was rate limited, or another sync holds their account or folder (progress saved)",
            "77:a participant is not authorised: they sign in again ('fbx auth login --token-file THEIR_FILE')",
            "78:a participant's token file is missing or unusable; the database refused the login or has a table of another shape"
        },
        footer = {
            "%nWith participants not done for several reasons, the most serious decides, in this order: 64, 1 (a bug), 78, 77,"
                    + " 65, 74, 69, 75. With --tolerate-participant-failures, participants' 64, 65, 77 and 78 leave the exit"
                    + " code 0. See docs/cohorts.md."
        })
public class CohortSyncCommand implements Callable<Integer> {
    /** More at once gains nothing: each participant is paced by their own quota, and holds a database connection. */
    private static final int MOST_PARALLEL = 64;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--roster",
            paramLabel = "FILE",
            required = true,
            description = "The study's participants: CSV with the header participant,token_file,archive.")
    Path roster;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Sync each participant into DIR/<participant>/, as 'fbx sync --out' would (created if missing).")
    Path out;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description =
                    "Instead of --out: a PostgreSQL database (env FBX_DB_URL), the participant's id as the account. The"
                            + " password comes from FBX_DB_PASSWORD, PGPASSWORD or ~/.pgpass, never from the URL.")
    String db;

    @Mixin
    SyncOptions options;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "4",
            description = "Participants synced at once, each within their own quota (1 to " + MOST_PARALLEL
                    + "; each holds a database connection). Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description =
                    "Only the roster's participants whose 0-based row, modulo N, is I: N processes (a Kubernetes Indexed"
                            + " Job's pods, I = $JOB_COMPLETION_INDEX) cover the roster once.")
    String shard;

    @Option(
            names = "--tolerate-participant-failures",
            description =
                    "Exit 0 although participants are not done for reasons only a person can fix for them (64, 65, 77, 78:"
                            + " no --since for a new one, a broken archive, a revoked sign-in, a missing token file); their lines are still"
                            + " printed. For a Kubernetes Job, which would run the shard again and again for them."
                            + " What a retry may fix (69, 74, 75) still sets the exit code.")
    boolean tolerate;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        if (parallel < 1 || parallel > MOST_PARALLEL) {
            throw FbxException.usage("--parallel " + parallel + " is not between 1 and " + MOST_PARALLEL + ".");
        }
        Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
        List<Dataset<?>> datasets = options.datasets(root.clock());
        Settings run = root.settings();
        Sinks.Target target = Sinks.Target.of(out, db, run);
        Roster all = Roster.read(roster, run.demo());
        List<Roster.Participant> participants = all.shard(part);
        Sinks.check(target, run);
        String where = target.dir() != null
                ? target.dir() + "/<participant>/"
                : target.db().toString();
        root.note("fbx cohort sync: " + participants.size() + " of the roster's "
                + all.participants().size()
                + " participants" + (part.equals(Shard.ALL) ? "" : " (shard " + part + ")") + ", " + parallel
                + " at once, into " + where);
        if (run.demo()) {
            root.note("fbx: demo mode: each participant is a synthetic person seeded by their id, served inside fbx on"
                    + " loopback, not anyone's real data. No token file or archive is read.");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<CohortSync.Outcome> outcomes;
        try (StopSignal signal = StopSignal.install()) {
            outcomes = CohortSync.run(participants, parallel, signal, participant -> {
                Settings settings = settings(root, participant, run.demo());
                Reporter reporter =
                        root.quiet ? Reporter.quiet(err, participant.id()) : Reporter.lines(err, participant.id());
                settings.tokenFile()
                        .flatMap(file ->
                                RefreshTokenLife.warning(file, root.clock().instant()))
                        .ifPresent(warning -> root.note("fbx: " + participant.id() + ": " + warning));
                try (Connection connection = Connection.open(origin(participant, settings), settings, root.clock())) {
                    options.sync(
                            connection,
                            datasets,
                            target.within(participant.id()),
                            settings,
                            participant::id,
                            reporter,
                            root.clock(),
                            signal);
                }
            });
        }
        List<CohortSync.Outcome> notDone =
                outcomes.stream().filter(o -> !o.done()).toList();
        for (CohortSync.Outcome outcome : notDone) {
            err.println(Redaction.apply("fbx: " + outcome.participant().id() + " not done (exit " + outcome.exitCode()
                    + "): " + outcome.problem() + signIn(outcome)));
        }
        err.flush();
        String done = (outcomes.size() - notDone.size()) + " of " + outcomes.size() + " participants done";
        int exitCode = CohortSync.exitCode(outcomes, tolerate);
        if (exitCode != 0) {
            CohortSync.Outcome worst =
                    CohortSync.mostSerious(outcomes, tolerate).orElseThrow();
            throw new FbxException(
                    exitCode,
                    done + "; " + notDone.size() + " not, each named above with what to do (the exit code is "
                            + worst.participant().id() + "'s). The others' data is saved; run fbx cohort sync again"
                            + " once they are fixed.");
        }
        root.note("fbx cohort sync: " + done
                + (notDone.isEmpty() ? "." : "; " + notDone.size() + " not, each named above with what to do."));
        return 0;
    }

    /**
     * A participant's settings: the global options with the roster's token file or archive in
     * their place, and without the seed tokens of FBX_ACCESS_TOKEN/FBX_REFRESH_TOKEN, which belong
     * to one account and would otherwise fill every participant's missing token file.
     */
    private static Settings settings(FbxCommand root, Roster.Participant participant, boolean demo) {
        Map<String, String> overrides = new HashMap<>();
        if (participant.tokenFile() != null) {
            overrides.put(Settings.TOKEN_FILE, participant.tokenFile().toString());
        }
        overrides.put(
                Settings.ARCHIVE,
                demo || participant.archive() == null
                        ? ""
                        : participant.archive().toString());
        overrides.put(Settings.ACCESS_TOKEN, "");
        overrides.put(Settings.REFRESH_TOKEN, "");
        return root.settings(root.provider, overrides);
    }

    private static Origin origin(Roster.Participant participant, Settings settings) {
        Origin origin = Origin.of(settings);
        if (origin instanceof Origin.Demo demo) {
            return demo.of(participant.id());
        }
        return participant.archive() != null ? new Origin.Archive(List.of(participant.archive())) : origin;
    }

    /** For a sign-in that only the participant can give again: the command, with their token file. */
    private static String signIn(CohortSync.Outcome outcome) {
        Path tokenFile = outcome.participant().tokenFile();
        boolean signIn = outcome.exitCode() == FbxException.NOT_AUTHORISED
                || outcome.exitCode() == FbxException.CONFIG
                        && outcome.problem().contains("token file");
        return tokenFile != null && signIn
                ? " (for " + outcome.participant().id() + ": fbx auth login --token-file " + tokenFile + ")"
                : "";
    }
}
