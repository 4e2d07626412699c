package dev.fbx.cli;

import dev.fbx.auth.TokenFile;
import dev.fbx.config.Settings;
import dev.fbx.origin.AuthConnection;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "refresh",
        mixinStandardHelpOptions = true,
        description = {
            "Renew the access token now and save the new tokens.",
            "%nCommands also do this by themselves when needed. Exit 77 when the provider refuses the refresh token:"
                    + " run 'fbx auth login'."
        })
public class AuthRefreshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        Settings settings = root.settings();
        try (AuthConnection connection = root.auth(spec, settings)) {
            TokenFile renewed = connection.account().refresh();
            root.note("Access token renewed"
                    + renewed.expiresAt()
                            .map(at -> "; it expires at " + at.truncatedTo(ChronoUnit.SECONDS))
                            .orElse("") + ". Saved to " + settings.tokenStore().path() + ".");
        }
        return 0;
    }
}
