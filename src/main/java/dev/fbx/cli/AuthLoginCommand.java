package dev.fbx.cli;

import dev.fbx.FbxException;
import dev.fbx.auth.Browser;
import dev.fbx.auth.LoginFlow;
import dev.fbx.auth.TokenFile;
import dev.fbx.config.Settings;
import dev.fbx.origin.AuthConnection;
import dev.fbx.origin.Provider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Sign in through your browser and save the tokens in the token file (mode 0600).",
            "%nfbx prints the sign-in URL on stderr and opens it in a browser if this machine has one. After you approve,"
                    + " the browser comes back to fbx on this machine only: for Fitbit to http://localhost:8000 (the redirect URL"
                    + " registered with your app; --port changes it), for Google to http://127.0.0.1 on a free port. The flow is"
                    + " OAuth 2.0 with PKCE; other fields of an existing token file are kept."
        },
        footer = {
            "%nWithout --provider a new token file signs in with Google; an existing one keeps its provider.",
            "%nExamples:",
            "  fbx auth login --client-id ID.apps.googleusercontent.com --client-secret SECRET",
            "      Google, with a Desktop OAuth client",
            "  fbx auth login --no-browser",
            "      on a server: connect with ssh -L 8000:localhost:8000, open the URL locally"
        })
public class AuthLoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            description = "The OAuth client id (default: $FBX_CLIENT_ID, else the token file's for the same provider).")
    String clientId;

    @Option(
            names = "--client-secret",
            paramLabel = "SECRET",
            description = {
                "The client secret: required for Google, optional for Fitbit (a Server app's; Personal apps need none).",
                "Saved in the token file when given here. $FBX_CLIENT_SECRET is used but not saved."
            })
    String clientSecret;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "Listen for the browser's answer on port N (default: Fitbit 8000, Google any free port).")
    Integer port;

    @Option(
            names = "--scope",
            paramLabel = "SCOPE",
            split = ",",
            description = {
                "Ask for these scopes instead of the defaults (repeat, or separate with commas). Defaults:",
                "  fitbit: heartrate oxygen_saturation respiratory_rate temperature sleep profile settings",
                "  google: health_metrics_and_measurements.readonly sleep.readonly settings.readonly profile.readonly",
                "  (Google's may be given without https://www.googleapis.com/auth/googlehealth.)"
            })
    List<String> scopes;

    @Option(names = "--no-browser", description = "Only print the URL; do not try to open a browser.")
    boolean noBrowser;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Give up when no answer came after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        if (timeout < 1) {
            throw FbxException.usage("--timeout must be at least 1 second, not " + timeout + ".");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw FbxException.usage("--port must be between 1 and 65535, not " + port + ".");
        }
        Settings settings = root.settings();
        if (settings.tokenFile().isEmpty() && settings.get(Settings.PROVIDER).isEmpty()) {
            // SPEC "Sources": a sign-in that creates a new token file signs in with Google (a file without provider
            // holds Fitbit tokens).
            settings = root.settings(Provider.GOOGLE);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (AuthConnection connection = root.auth(spec, settings)) {
            String provider = connection.provider().id();
            LoginFlow.SignIn signIn = connection.provider().signIn();
            LoginFlow.Client client = connection.client(clientId, clientSecret);
            LoginFlow flow = new LoginFlow(
                    settings.tokenStore(),
                    connection.tokenEndpoint(client.id(), client.secret()),
                    root.clock(),
                    err,
                    Browser::open);
            LoginFlow.Result result = flow.run(new LoginFlow.Options(
                    provider,
                    signIn,
                    connection.authorizeUrl(),
                    client,
                    scopes,
                    port,
                    Duration.ofSeconds(timeout),
                    !noBrowser));
            if (!root.quiet) {
                TokenFile saved = result.saved();
                err.println("Signed in to " + provider
                        + saved.get(TokenFile.USER_ID)
                                .map(id -> " as user " + id)
                                .orElse("") + ". Tokens saved to "
                        + settings.tokenStore().path() + " (readable by you only).");
                if (!result.missingScopes().isEmpty()) {
                    err.println("Not granted: " + String.join(" ", result.missingScopes())
                            + ". Commands that need these exit 77; run 'fbx auth login' again and allow them.");
                }
                if (saved.refreshToken().isEmpty()) {
                    err.println("No refresh token came back, so this session ends when the access token expires.");
                }
                err.flush();
            }
        }
        return 0;
    }
}
