package dev.fbx.origin;

import dev.fbx.FbxException;
import dev.fbx.config.Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * Where one run's data comes from, chosen once from the options ({@code --archive}, {@code --demo},
 * {@code --provider}, the token file): a provider's API, a Fitbit archive, or the built-in demo
 * account in a provider's shapes. Commands ask the origin instead of guessing from settings.
 */
public sealed interface Origin {
    /** An account's data through its provider's API and token file. */
    record Api(Provider provider) implements Origin {
        @Override
        public String describe() {
            return provider.api();
        }
    }

    /** A Google Takeout or fitbit.com archive's files (several for a split export): no token file, no network. */
    record Archive(List<Path> paths) implements Origin {
        @Override
        public String describe() {
            return "a Fitbit archive";
        }
    }

    /**
     * The built-in synthetic account, served in the provider's shapes on loopback; its tokens live in
     * memory. A cohort's demo participants are other synthetic people, one per participant id.
     *
     * @param participant the cohort participant whose synthetic person this is; null for the demo account
     */
    record Demo(Provider shapes, String participant) implements Origin {
        @Override
        public String describe() {
            return (participant == null ? "the demo account" : "participant " + participant + "'s synthetic person")
                    + " (synthetic data, " + shapes.api() + ")";
        }

        /** The synthetic person of a cohort's participant, in the same shapes. */
        public Demo of(String participant) {
            return new Demo(shapes, participant);
        }
    }

    /** Where the data comes from, for people. */
    String describe();

    /**
     * The origin the settings name. The demo serves Google's shapes unless a provider is given; an
     * API's provider is the option's, else the token file's, else Fitbit's (a token file without
     * one is in the seed's format, which holds Fitbit tokens).
     */
    static Origin of(Settings settings) {
        if (!settings.archive().isEmpty()) {
            return new Archive(settings.archive());
        }
        Provider provider = Provider.of(
                settings.get(Settings.PROVIDER).orElse(settings.demo() ? Provider.GOOGLE.id() : Provider.FITBIT.id()));
        return settings.demo() ? new Demo(provider, null) : new Api(provider);
    }

    /** The API of a command that works on an account's tokens: an archive and the demo have none (64, one line). */
    default Api api(String command) {
        if (this instanceof Api api) {
            return api;
        }
        String what = this instanceof Archive
                ? "an archive (--archive, FBX_ARCHIVE), which needs no sign-in"
                : "the demo account (--demo, FBX_DEMO), which needs no sign-in";
        throw FbxException.usage("'" + command + "' works on an account's token file, not on " + what
                + ": leave out --archive and --demo.");
    }
}
