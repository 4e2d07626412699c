package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "auth",
        mixinStandardHelpOptions = true,
        description = {
            "Sign in (login), check (status), renew (refresh) or end (logout) the session in the token file.",
            "%nRun 'fbx auth login' once; the data commands renew the access token by themselves."
        },
        subcommands = {
            AuthLoginCommand.class,
            AuthStatusCommand.class,
            AuthRefreshCommand.class,
            AuthLogoutCommand.class
        })
public class AuthCommand {}
