package dev.fbx.cli;

import dev.fbx.archive.ArchiveSource;
import dev.fbx.auth.RefreshTokenLife;
import dev.fbx.config.Settings;
import dev.fbx.origin.AuthConnection;
import dev.fbx.origin.Connection;
import dev.fbx.origin.Origin;
import dev.fbx.origin.Provider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@TopCommand
@Command(
        name = "fbx",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Heart rate and heart-rate variability (and the sleep-time physiology around them) out of your Fitbit data"
                        + " (through the Google Health API), as CSV or JSON.",
        subcommands = {
            HeartRateCommand.class,
            HrvCommand.class,
            Spo2Command.class,
            BreathingRateCommand.class,
            SkinTemperatureCommand.class,
            SleepCommand.class,
            ProfileCommand.class,
            SyncCommand.class,
            CohortCommand.class,
            ReportCommand.class,
            DoctorCommand.class,
            AuthCommand.class,
            CompletionCommand.class
        },
        footerHeading = "%nEnvironment (each also a property in config/application.properties):%n",
        footer = {
            "  FBX_TOKEN_FILE            the token file (default ./fb_conf.json)",
            "  FBX_PROVIDER              google or fitbit (legacy, turned off 2026-11-02)",
            "  FBX_CLIENT_ID             the OAuth client id (default: the token file)",
            "  FBX_CLIENT_SECRET         the OAuth client secret (default: the token file)",
            "  FBX_ACCESS_TOKEN          seeds a token file that does not exist yet",
            "  FBX_REFRESH_TOKEN         seeds a token file that does not exist yet",
            "  FBX_FITBIT_API_URL        https://api.fitbit.com",
            "  FBX_FITBIT_AUTHORIZE_URL  https://www.fitbit.com/oauth2/authorize",
            "  FBX_GOOGLE_API_URL        https://health.googleapis.com",
            "  FBX_GOOGLE_TOKEN_URL      https://oauth2.googleapis.com/token",
            "  FBX_GOOGLE_AUTHORIZE_URL  https://accounts.google.com/o/oauth2/v2/auth",
            "  FBX_GOOGLE_REVOKE_URL     https://oauth2.googleapis.com/revoke",
            "  FBX_DEMO                  1 (or true) for --demo",
            "  FBX_ARCHIVE               an archive for --archive (several parts: separated by commas)",
            "  FBX_ZONE                  the account's time zone for --zone",
            "",
            "Exit codes: 0 ok, 64 usage, 65 unreadable API or archive data, 69 API unreachable or retired,",
            "  74 cannot write output, 75 rate limited or another sync holds DIR, 77 not authorised",
            "  (fbx auth login), 78 configuration (token file, client id), 1 a bug. 'fbx doctor' says what is wrong."
        })
public class FbxCommand {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "The token file (default: $FBX_TOKEN_FILE, else ./fb_conf.json).")
    String tokenFile;

    @Option(
            names = "--provider",
            paramLabel = "google|fitbit",
            scope = ScopeType.INHERIT,
            completionCandidates = ProviderIds.class,
            description =
                    "The API to use (default: $FBX_PROVIDER, else the token file's, else fitbit for an existing token file;"
                            + " 'fbx auth login' creating a new one signs in with google, and --demo serves google's).")
    Provider provider;

    @Option(
            names = "--demo",
            scope = ScopeType.INHERIT,
            description =
                    "Use a built-in synthetic account served inside fbx (plausible, deterministic data for any date) instead of"
                            + " yours, as the Google Health API (with --provider fitbit: as the legacy Fitbit Web API): no account and no token"
                            + " file needed, none read or written. Also $FBX_DEMO=1.")
    boolean demo;

    @Option(
            names = "--archive",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description =
                    "Read a Fitbit archive instead of an API: a Google Takeout export of Fitbit (or Google Health) data, or a"
                            + " fitbit.com account archive; a zip, a tgz or the unpacked folder. Give it again for each part of a split export"
                            + " (or a folder of the parts). No token file, no network. Also $FBX_ARCHIVE.")
    List<Path> archive;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            scope = ScopeType.INHERIT,
            description =
                    "The account's time zone (IANA id, e.g. Europe/Berlin): local times and today are the account's in it. Default:"
                            + " the one the token file caches, else the account's own (asked of the API once, or an archive's profile). Also $FBX_ZONE.")
    String zone;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print each request and retry on stderr.")
    boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print nothing on stderr but errors.")
    boolean quiet;

    /** The providers' names, for shell completion. */
    static final class ProviderIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Provider.values()).map(Provider::id).iterator();
        }
    }

    /** The top command of the invocation that {@code spec} belongs to, with its global options. */
    static FbxCommand of(CommandSpec spec) {
        FbxCommand root = (FbxCommand) spec.root().userObject();
        // Set on every run, not only with -v: tests launch fbx many times in one JVM.
        Logger.getLogger("dev.fbx").setLevel(root.verbose ? Level.FINE : null);
        return root;
    }

    /** The settings of this invocation, the global options above the environment and files. */
    Settings settings() {
        return settings(provider);
    }

    /** The settings with {@code provider} as if given as --provider (null: none given). */
    Settings settings(Provider provider) {
        return settings(provider, Map.of());
    }

    /**
     * The settings with {@code overrides} above the global options: a cohort's participant, whose
     * token file or archive the roster names.
     */
    Settings settings(Provider provider, Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>();
        options.put(Settings.TOKEN_FILE, tokenFile);
        options.put(Settings.PROVIDER, provider == null ? null : provider.id());
        options.put(Settings.DEMO, demo ? "true" : null);
        options.put(
                Settings.ARCHIVE,
                archive == null || archive.isEmpty()
                        ? null
                        : String.join(",", archive.stream().map(Path::toString).toList()));
        options.put(Settings.ZONE, zone);
        options.putAll(overrides);
        return Settings.resolve(options, true);
    }

    /** The clock of this invocation: what "now" and the account's "today" are read from. */
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Connects to the origin of this invocation; a demo run says on stderr that its data is synthetic. */
    Connection connect() {
        return connect(settings());
    }

    Connection connect(Settings settings) {
        settings.tokenFile()
                .flatMap(file -> RefreshTokenLife.warning(file, clock().instant()))
                .ifPresent(warning -> note("fbx: " + warning));
        Connection connection = Connection.open(settings, clock());
        connection
                .demo()
                .ifPresent(demo -> note("fbx: demo mode: synthetic data of a built-in account, served as the "
                        + ((Origin.Demo) connection.origin()).shapes().api() + " on " + demo.uri()
                        + ", not anyone's real data."
                        + " No token file is read or written."));
        if (connection.source() instanceof ArchiveSource archive) {
            note("fbx: reading the " + archive.archive().layout().label() + " archive "
                    + String.join(
                            ", ",
                            settings.archive().stream().map(Path::toString).toList())
                    + " (no token file, no network).");
        }
        return connection;
    }

    /** The account's provider for a command that works on its token file; an archive or the demo is refused (64). */
    AuthConnection auth(CommandSpec command, Settings settings) {
        return AuthConnection.open(settings, command.qualifiedName(), clock());
    }

    /** A line for the person at the terminal, on stderr; {@code -q} silences it. */
    void note(String line) {
        if (!quiet) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(line);
            err.flush();
        }
    }
}
