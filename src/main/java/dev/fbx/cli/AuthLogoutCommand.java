package dev.fbx.cli;

import dev.fbx.config.Settings;
import dev.fbx.origin.AuthConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = {
            "Revoke the session at the provider and remove the tokens from the token file.",
            "%nThe rest of the file (client id, provider, ...) stays, so 'fbx auth login' signs in again with the same app."
                    + " If the provider cannot be reached, the file is left as it was."
        })
public class AuthLogoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        Settings settings = root.settings();
        try (AuthConnection connection = root.auth(spec, settings)) {
            String what = switch (connection.account().logout()) {
                case REVOKED -> "the provider revoked the session";
                case ALREADY_INVALID -> "the provider had already ended the session";
                case NO_TOKENS -> "there were no tokens to revoke";
            };
            root.note("Signed out: " + what + "; the tokens are removed from "
                    + settings.tokenStore().path() + ".");
        }
        return 0;
    }
}
