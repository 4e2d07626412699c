package dev.fbx.cli;

import dev.fbx.FbxException;
import dev.fbx.auth.RefreshTokenLife;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenStore;
import dev.fbx.cohort.Roster;
import dev.fbx.config.Settings;
import dev.fbx.dataset.DateRange;
import dev.fbx.dataset.Rows;
import dev.fbx.report.Compliance;
import dev.fbx.report.CompliancePage;
import dev.fbx.sink.Sinks;
import dev.fbx.sink.SyncDirectory;
import dev.fbx.sink.postgres.PostgresUrl;
import dev.fbx.sink.postgres.SyncDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Wear-time compliance of the roster's participants per day, from what 'fbx cohort sync' wrote (no request, no"
                    + " token used): the local clock hours with heart rate, whether the night has HRV and a main sleep.",
            "As one self-contained HTML page (-o: a participants × days grid, each participant's share of days worn, their"
                    + " last day with data and the days their sign-in has left; those below --min-hours first) and, with --csv,"
                    + " as CSV: participant,date,worn_hours,has_hrv,has_sleep. Default range: the last 30 days.",
            "SOURCE_DATE_EPOCH (seconds) fixes the 'made' time, so the same data gives the same bytes."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written",
            "64:usage error (no -o, a bad range, --in not a directory)",
            "65:the roster is malformed, or a file in --in is not what sync writes",
            "74:the page or CSV cannot be written, or the database cannot be read",
            "78:the database refused the login"
        })
public class CohortReportCommand implements Callable<Integer> {
    static final int DEFAULT_DAYS = 30;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--roster",
            paramLabel = "FILE",
            required = true,
            description = "The study's participants: the roster 'fbx cohort sync' was given.")
    Path roster;

    @Option(
            names = "--in",
            paramLabel = "DIR",
            description = "Read DIR/<participant>/, as 'fbx cohort sync --out DIR' writes it.")
    Path in;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description =
                    "Instead of --in: the PostgreSQL database 'fbx cohort sync --db' writes (env FBX_DB_URL), each"
                            + " participant's rows by their id. The password comes from FBX_DB_PASSWORD, PGPASSWORD or ~/.pgpass.")
    String db;

    @Mixin
    RangeOptions range;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.html",
            required = true,
            description = "The page to write (written whole or not at all).")
    Path output;

    @Option(
            names = "--csv",
            paramLabel = "FILE.csv",
            description = "Also write each participant's days as CSV: participant,date,worn_hours,has_hrv,has_sleep.")
    Path csv;

    @Option(
            names = "--min-hours",
            paramLabel = "H",
            defaultValue = "10",
            description =
                    "A day counts as worn with heart rate in at least H of its hours; participants below H a day on"
                            + " average are listed first. Default: ${DEFAULT-VALUE} (the usual valid-day rule of wear-time checks).")
    int minHours;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        // Checked before anything is read; resolved below against the participants' own today.
        range.resolve(RangeOptions.todaySomewhere(root.clock()), DEFAULT_DAYS);
        if (minHours < 1 || minHours > 24) {
            throw FbxException.usage("--min-hours " + minHours + " is not between 1 and 24.");
        }
        if (in != null && db != null) {
            throw FbxException.usage("--in and --db exclude each other: read a directory or a database.");
        }
        // Only the database's URL and password are read: no token file of the run's own, no origin.
        Settings settings = Settings.resolve(Map.of(), false);
        String url = db != null ? db : in == null ? settings.get(Sinks.DB_URL).orElse(null) : null;
        if (in == null && url == null) {
            throw FbxException.usage(
                    "fbx cohort report needs --in DIR (what 'cohort sync --out' wrote) or --db URL (or FBX_DB_URL).");
        }
        if (in != null && !Files.isDirectory(in)) {
            throw FbxException.usage("--in " + in + " is not a directory: give the --out DIR of 'fbx cohort sync'.");
        }
        List<Roster.Participant> participants = Roster.read(roster, true).participants();
        Instant now = root.clock().instant();
        List<Compliance.Participant> compliance;
        String source;
        if (in != null) {
            source = "sync directories " + in + "/<participant>/";
            compliance = read(participants, id -> new SyncDirectory(in.resolve(id)), now, this::zoneIn);
        } else {
            PostgresUrl parsed = PostgresUrl.parse(url, System.getenv());
            try (SyncDatabase database =
                    SyncDatabase.open(parsed, parsed.password(settings.get(Sinks.DB_PASSWORD), System.getenv()))) {
                source = "the database " + database.describe();
                compliance = read(participants, database::rows, now, database::zone);
            }
        }
        CompliancePage.Header header = new CompliancePage.Header(roster.toString(), source, ReportCommand.madeAt());
        byte[] page = CompliancePage.render(compliance, minHours, header).getBytes(StandardCharsets.UTF_8);
        if (csv != null) {
            ReportCommand.write(csv, Compliance.csv(compliance).getBytes(StandardCharsets.UTF_8));
        }
        ReportCommand.write(output, page);
        DateRange days = new DateRange(
                compliance.get(0).days().get(0).date(),
                compliance
                        .get(0)
                        .days()
                        .get(compliance.get(0).days().size() - 1)
                        .date());
        root.note("fbx: wrote " + output + (csv == null ? "" : " and " + csv) + " (" + compliance.size()
                + " participants, " + days + ", " + (page.length + 1023) / 1024 + " KB)");
        return 0;
    }

    private Optional<ZoneId> zoneIn(String participant) {
        return new SyncDirectory(in.resolve(participant)).zone();
    }

    /**
     * Each participant's compliance over the range, which ends on the newest today among their
     * time zones: a day that has begun anywhere in the study is in it.
     */
    private List<Compliance.Participant> read(
            List<Roster.Participant> participants,
            Function<String, Rows> rows,
            Instant now,
            Function<String, Optional<ZoneId>> zone) {
        LocalDate today = participants.stream()
                .map(p -> zone.apply(p.id()).orElse(ZoneId.systemDefault()))
                .map(z -> LocalDate.ofInstant(now, z))
                .max(LocalDate::compareTo)
                .orElseThrow();
        DateRange days = range.resolve(today, DEFAULT_DAYS);
        List<Compliance.Participant> compliance = new ArrayList<>();
        for (Roster.Participant p : participants) {
            SignIn signIn = signIn(p.tokenFile(), now);
            compliance.add(Compliance.read(p.id(), rows.apply(p.id()), days, signIn.text(), signIn.again()));
        }
        return compliance;
    }

    /** What a participant's token file says of their sign-in: text for the page (null when nothing is known), and whether they must sign in again. */
    private record SignIn(String text, boolean again) {}

    private static SignIn signIn(Path tokenFile, Instant now) {
        if (tokenFile == null) {
            return new SignIn(null, false);
        }
        Optional<TokenFile> tokens;
        try {
            tokens = new TokenStore(tokenFile).read();
        } catch (FbxException e) {
            return new SignIn("token file unreadable", true);
        }
        if (tokens.isEmpty()) {
            return new SignIn("no token file", true);
        }
        if (tokens.get().refreshToken().isEmpty()) {
            return new SignIn("no refresh token", true);
        }
        Optional<Duration> left = RefreshTokenLife.left(tokens.get(), now);
        if (left.isEmpty()) {
            return new SignIn(null, false);
        }
        return left.get().isNegative()
                ? new SignIn("expired " + RefreshTokenLife.describe(left.get()) + " ago", true)
                : new SignIn(RefreshTokenLife.describe(left.get()) + " left", false);
    }
}
