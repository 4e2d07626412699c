package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(name = "auth", mixinStandardHelpOptions = true,
        description = {"Sign in to Fitbit or Google, check, renew or end the session kept in the token file.",
            "Run 'fbx auth login' once; the other commands renew the access token by themselves."},
        subcommands = {AuthLoginCommand.class, AuthStatusCommand.class, AuthRefreshCommand.class, AuthLogoutCommand.class})
public class AuthCommand {
}
