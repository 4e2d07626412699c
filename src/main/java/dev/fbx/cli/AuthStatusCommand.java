package dev.fbx.cli;

import dev.fbx.auth.Account;
import dev.fbx.config.Settings;
import dev.fbx.origin.AuthConnection;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show who is signed in and whether the provider accepts the token.",
            "%nShows the provider, user id, scopes and expiry of the access token, never a token, and asks the provider"
                    + " whether it accepts the access token (an expired one is renewed first, as any command would).",
            "%nExit 0 when the session is usable, 77 when it is not (run 'fbx auth login'), 78 when there is no token file."
        })
public class AuthStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        Settings settings = root.settings();
        try (AuthConnection connection = root.auth(spec, settings)) {
            Account.Status status = connection.account().status(connection.tokenCheck());
            PrintWriter out = spec.commandLine().getOut();
            out.println("provider: " + connection.provider().id());
            out.println("user_id: " + status.userId().orElse(""));
            out.println("scope: " + status.scope().orElse(""));
            out.println("expires_at: "
                    + status.expiresAt()
                            .map(at -> at.truncatedTo(ChronoUnit.SECONDS) + " (" + relative(at, Instant.now()) + ")")
                            .orElse(""));
            out.println("token_file: " + settings.tokenStore().path());
            out.println("status: "
                    + (!status.usable()
                            ? "not accepted"
                            : status.refreshed() ? "usable (the access token was renewed)" : "usable"));
            out.flush();
            if (!status.usable()) {
                throw status.problem();
            }
        }
        return 0;
    }

    private static String relative(Instant at, Instant now) {
        Duration left = Duration.between(now, at);
        Duration size = left.abs();
        String text =
                size.toHours() > 0 ? size.toHours() + " h " + size.toMinutesPart() + " min" : size.toMinutes() + " min";
        return left.isNegative() ? "expired " + text + " ago" : "in " + text;
    }
}
