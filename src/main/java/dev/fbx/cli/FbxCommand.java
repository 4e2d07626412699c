package dev.fbx.cli;

import dev.fbx.config.Settings;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@TopCommand
@Command(name = "fbx", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Heart rate and heart-rate variability (and the sleep-time physiology around them) out of your Fitbit account, as CSV or JSON.",
        subcommands = {HeartRateCommand.class, HrvCommand.class, ProfileCommand.class, CompletionCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  FBX_TOKEN_FILE            the token file (default ./fb_conf.json)",
            "  FBX_PROVIDER              fitbit or google (default: the token file's, else fitbit)",
            "  FBX_CLIENT_ID, FBX_CLIENT_SECRET   the OAuth client (default: the token file's)",
            "  FBX_ACCESS_TOKEN, FBX_REFRESH_TOKEN   seed a token file that does not exist yet",
            "  FBX_FITBIT_API_URL        default https://api.fitbit.com",
            "  FBX_FITBIT_AUTHORIZE_URL  default https://www.fitbit.com/oauth2/authorize",
            "  FBX_GOOGLE_API_URL        default https://health.googleapis.com",
            "  FBX_GOOGLE_TOKEN_URL      default https://oauth2.googleapis.com/token",
            "  FBX_GOOGLE_AUTHORIZE_URL  default https://accounts.google.com/o/oauth2/v2/auth",
            "  FBX_GOOGLE_REVOKE_URL     default https://oauth2.googleapis.com/revoke",
            "Each can also be set as a property (fbx.token-file, fbx.client-id, ...) in config/application.properties.",
            "",
            "Exit codes: 0 ok, 64 usage, 65 unreadable API data, 69 API unreachable or failing, 74 cannot write output,",
            "75 rate limited, 77 not authorised (run 'fbx auth login'), 78 configuration (token file, client id), 1 a bug."
        })
public class FbxCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The token file (default: $FBX_TOKEN_FILE, else ./fb_conf.json).")
    String tokenFile;

    @Option(names = "--provider", paramLabel = "fitbit|google", scope = ScopeType.INHERIT,
            description = "The API to use (default: $FBX_PROVIDER, else the token file's, else fitbit).")
    Provider provider;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print each request and retry on stderr.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print nothing on stderr but errors.")
    boolean quiet;

    enum Provider {
        fitbit, google
    }

    /** The top command of the invocation that {@code spec} belongs to, with its global options. */
    static FbxCommand of(CommandSpec spec) {
        FbxCommand root = (FbxCommand) spec.root().userObject();
        if (root.verbose) {
            Logger.getLogger("dev.fbx").setLevel(Level.FINE);
        }
        return root;
    }

    /** The settings of this invocation, the global options above the environment and files. */
    Settings settings() {
        Map<String, String> options = new HashMap<>();
        options.put(Settings.TOKEN_FILE, tokenFile);
        options.put(Settings.PROVIDER, provider == null ? null : provider.name());
        return Settings.resolve(options, true);
    }
}
