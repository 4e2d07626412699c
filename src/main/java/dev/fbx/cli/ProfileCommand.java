package dev.fbx.cli;

import dev.fbx.origin.Connection;
import dev.fbx.record.Profile;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description =
                "The account's user id, time zone and devices. Also refreshes the time zone cached in the token file.")
public class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        try (Connection connection = root.connect()) {
            Profile profile = connection.source().profile();
            PrintWriter out = spec.commandLine().getOut();
            out.println("user_id: " + nullToEmpty(profile.userId()));
            out.println("display_name: " + nullToEmpty(profile.displayName()));
            out.println("timezone: " + nullToEmpty(profile.timezone()));
            out.println("devices: " + String.join("; ", profile.devices()));
            out.flush();
        }
        return 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
