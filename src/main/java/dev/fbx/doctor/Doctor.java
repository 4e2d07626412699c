package dev.fbx.doctor;

import dev.fbx.FbxException;
import dev.fbx.api.ApiDialect;
import dev.fbx.api.Transport;
import dev.fbx.auth.Account;
import dev.fbx.auth.RefreshTokenLife;
import dev.fbx.auth.TokenFile;
import dev.fbx.auth.TokenStore;
import dev.fbx.config.Settings;
import dev.fbx.origin.AuthConnection;
import dev.fbx.origin.Connection;
import dev.fbx.origin.Origin;
import dev.fbx.origin.Provider;
import dev.fbx.sink.Sinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code fbx doctor}: checks a set-up the way a user would debug it, in the order things go wrong.
 * For an account on an API: the token file, the provider, the API and the token, the refresh
 * token's life, the scopes, the clock; for an archive: its layout and parts, the time zone, the
 * days each dataset covers and entries it cannot read; for the demo: that it answers. Then, with a
 * sync target, the newest data. Each check gives one {@link Finding}; a check that cannot run
 * because an earlier one failed is left out rather than reported twice.
 */
public final class Doctor {
    /** A clock this far off is worth fixing; expiry times and "today" are read by it. */
    static final Duration CLOCK_WARNING = Duration.ofMinutes(1);

    static final Duration CLOCK_PROBLEM = Duration.ofMinutes(5);

    private final Supplier<Settings> settings;
    private final Path syncDirectory;
    private final String database;
    private final Clock clock;

    /**
     * @param syncDirectory a sync's {@code --out DIR}, or null
     * @param database      a sync's {@code --db URL}, or null
     */
    public Doctor(Supplier<Settings> settings, Path syncDirectory, String database, Clock clock) {
        this.settings = settings;
        this.syncDirectory = syncDirectory;
        this.database = database;
        this.clock = clock;
    }

    public List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        Settings resolved;
        Origin origin;
        try {
            resolved = settings.get();
            origin = Origin.of(resolved);
        } catch (FbxException e) {
            // A token file fbx cannot read or parse stops the settings themselves; so does an unknown provider.
            findings.add(Finding.problem(
                    e.exitCode() == FbxException.CONFIG ? "token file" : "settings", e.getMessage(), e.exitCode()));
            return findings;
        }
        Supplier<String> account;
        Supplier<ZoneId> zone;
        if (origin instanceof Origin.Api api) {
            TokenStore store = resolved.tokenStore();
            findings.addAll(account(resolved, api.provider()));
            // The account's rows in a database are keyed as sync keys them (Source.account: at most one request).
            account = () -> {
                try (Connection connection = Connection.open(resolved, clock)) {
                    return connection.source().account();
                }
            };
            zone = () -> resolved.zone()
                    .or(() -> store.read().flatMap(TokenFile::zone))
                    .orElse(ZoneOffset.UTC);
        } else {
            Connection connection;
            try {
                connection = Connection.open(resolved, clock);
            } catch (FbxException e) {
                findings.add(Finding.problem(
                        origin instanceof Origin.Archive ? "archive" : "demo account", e.getMessage(), e.exitCode()));
                return findings;
            }
            try (connection) {
                findings.addAll(origin instanceof Origin.Archive ? ArchiveCheck.check(connection) : demo(connection));
                account = () -> connection.source().account();
                ZoneId known = findings.stream().anyMatch(Finding::wrong) ? ZoneOffset.UTC : connection.zone();
                findings.addAll(syncTarget(resolved, account, () -> known));
            }
            return findings;
        }
        findings.addAll(syncTarget(resolved, account, zone));
        return findings;
    }

    /** The checks of an account on an API: its token file, the provider, the API and the token, the refresh token, the scopes, the clock. */
    private List<Finding> account(Settings resolved, Provider provider) {
        List<Finding> findings = new ArrayList<>();
        TokenStore store = resolved.tokenStore();
        Optional<TokenFile> file = resolved.tokenFile();
        findings.add(
                file.isPresent()
                        ? tokenFileMode(store.path())
                        : Finding.problem(
                                "token file",
                                "no " + store.path() + ": sign in with 'fbx auth login' (see the README), or point"
                                        + " --token-file or FBX_TOKEN_FILE at yours.",
                                FbxException.CONFIG));
        try (AuthConnection connection = AuthConnection.open(resolved, "fbx doctor", clock)) {
            ApiDialect dialect = connection.transport().dialect();
            findings.add(dialect.retired()
                    .map(why -> Finding.problem("provider", provider.id() + ": " + why, FbxException.UNAVAILABLE))
                    .orElseGet(() -> Finding.ok("provider", provider.id() + " (" + dialect.name() + ")")));
            if (file.isPresent()) {
                findings.add(api(connection, store));
                TokenFile now = store.read().orElse(file.get());
                findings.add(refreshToken(now));
                findings.add(scopes(provider, now));
            }
            findings.add(clock(connection.transport()));
        } catch (FbxException e) {
            findings.add(Finding.problem("provider", e.getMessage(), e.exitCode()));
        }
        return findings;
    }

    /** The demo account: it answers through the real clients and token handling, with no token file. */
    private static List<Finding> demo(Connection connection) {
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.ok("origin", connection.describe() + ": no token file is read or written"));
        try {
            String user = connection.source().profile().userId();
            findings.add(Finding.ok(
                    "API and token",
                    connection.transport().dialect().name() + " answered and accepts the token (user " + user + ")"));
            findings.add(clock(connection.transport()));
        } catch (FbxException e) {
            findings.add(Finding.problem("API and token", e.getMessage(), e.exitCode()));
        }
        return findings;
    }

    /** With {@code --out} or {@code --db}: the newest day of data per dataset in the sync's target. */
    private List<Finding> syncTarget(Settings resolved, Supplier<String> account, Supplier<ZoneId> zone) {
        if (syncDirectory == null && database == null) {
            return List.of();
        }
        Sinks.Target target;
        try {
            target = Sinks.Target.of(syncDirectory, database, resolved);
        } catch (FbxException e) {
            return List.of(Finding.problem("sync target", e.getMessage(), e.exitCode()));
        }
        return SyncData.check(target, resolved, account, clock, zone);
    }

    private static Finding tokenFileMode(Path path) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            return Finding.ok("token file", path + " (this file system has no owner-only mode to check)");
        } catch (IOException e) {
            return Finding.problem(
                    "token file", "cannot read the mode of " + path + " (" + e.getMessage() + ")", FbxException.CONFIG);
        }
        Set<PosixFilePermission> others = EnumSet.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE);
        others.retainAll(mode);
        if (!others.isEmpty()) {
            return Finding.problem(
                    "token file",
                    path + " can be read by others (mode " + PosixFilePermissions.toString(mode) + "): run 'chmod 600 "
                            + path + "', and if others may have read it, 'fbx auth logout' and sign in again.",
                    FbxException.CONFIG);
        }
        return Finding.ok("token file", path + " (readable by you only)");
    }

    /**
     * Whether the API answers and accepts the token (renewing an expired one, as any command would).
     * Where a refresh does not spend the refresh token (Google), a file that does not know when its
     * refresh token dies is refreshed once to learn it: the answer of an app in "Testing" says.
     */
    private static Finding api(AuthConnection connection, TokenStore store) {
        String name = connection.transport().dialect().name();
        try {
            Account account = connection.account();
            Account.Status status = account.status(connection.tokenCheck());
            if (!status.usable()) {
                return Finding.problem(
                        "API and token",
                        status.problem().getMessage(),
                        status.problem().exitCode());
            }
            boolean lifeUnknown = store.read()
                    .map(t -> t.refreshToken().isPresent()
                            && t.refreshTokenExpiresAt().isEmpty())
                    .orElse(false);
            if (lifeUnknown && !status.refreshed() && connection.tokenEndpoint().refreshKeepsRefreshToken()) {
                account.refresh();
            }
            return Finding.ok(
                    "API and token",
                    name + " answered and accepts the token"
                            + status.userId().map(id -> " (user " + id + ")").orElse(""));
        } catch (FbxException e) {
            return Finding.problem("API and token", e.getMessage(), e.exitCode());
        }
    }

    private Finding refreshToken(TokenFile tokens) {
        if (tokens.refreshToken().isEmpty()) {
            return Finding.warning(
                    "refresh token",
                    "none in the token file, so the session ends with the access token: run" + " 'fbx auth login'.",
                    FbxException.NOT_AUTHORISED);
        }
        Instant now = clock.instant();
        Optional<Duration> left = RefreshTokenLife.left(tokens, now);
        if (left.isEmpty()) {
            return Finding.ok("refresh token", "the provider announced no end");
        }
        Instant end = tokens.refreshTokenExpiresAt().orElseThrow().truncatedTo(ChronoUnit.SECONDS);
        if (left.get().isNegative()) {
            return Finding.problem(
                    "refresh token",
                    "expired at " + end + " (the OAuth app is in 'Testing', whose refresh tokens die"
                            + " 7 days after sign-in): " + RefreshTokenLife.PUBLISH + ".",
                    FbxException.NOT_AUTHORISED);
        }
        return Finding.warning(
                "refresh token",
                "the OAuth app is in 'Testing': its refresh token dies in "
                        + RefreshTokenLife.describe(left.get()) + " (" + end
                        + "), 7 days after sign-in, and fbx then stops working: "
                        + RefreshTokenLife.PUBLISH + ".",
                FbxException.NOT_AUTHORISED);
    }

    /** The scopes the token file says were granted, against what each command needs on this API. */
    private static Finding scopes(Provider provider, TokenFile tokens) {
        Optional<String> scope = tokens.get(TokenFile.SCOPE);
        if (scope.isEmpty()) {
            return Finding.warning(
                    "scopes",
                    "the token file does not say which were granted (the seed's format); 'fbx auth login'"
                            + " records them.",
                    0);
        }
        Set<String> granted = new TreeSet<>(List.of(scope.get().split("[,\\s]+")));
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        provider.scopesByCommand()
                .forEach((command, needs) -> needs.stream()
                        .filter(s -> !granted.contains(s))
                        .forEach(s ->
                                missing.computeIfAbsent(s, k -> new TreeSet<>()).add(command)));
        if (missing.isEmpty()) {
            return Finding.ok(
                    "scopes",
                    "granted for "
                            + String.join(", ", provider.scopesByCommand().keySet()));
        }
        List<String> lacking = new ArrayList<>();
        missing.forEach((s, commands) ->
                lacking.add(s.substring(s.lastIndexOf('/') + 1) + " (" + String.join(", ", commands) + ")"));
        return Finding.problem(
                "scopes",
                "not granted: " + String.join(", ", lacking) + ": run 'fbx auth login' and allow them (on"
                        + " Google, add them to the consent screen's Data access page first).",
                FbxException.NOT_AUTHORISED);
    }

    private static Finding clock(Transport transport) {
        Optional<Duration> ahead = transport.serverClockAhead();
        String name = transport.dialect().name();
        if (ahead.isEmpty()) {
            return Finding.warning("clock", "not checked: no answer from " + name + " carried a Date header.", 0);
        }
        Duration off = ahead.get().abs();
        if (off.compareTo(CLOCK_WARNING) < 0) {
            return Finding.ok("clock", "within a minute of " + name + "'s");
        }
        String text = "this machine's clock is " + RefreshTokenLife.describe(off)
                + (ahead.get().isNegative() ? " ahead of " : " behind ")
                + name
                + "'s (its Date header): set it right (e.g. 'timedatectl set-ntp true'); fbx judges token expiry and"
                + " 'today' by it.";
        return off.compareTo(CLOCK_PROBLEM) < 0
                ? Finding.warning("clock", text, FbxException.CONFIG)
                : Finding.problem("clock", text, FbxException.CONFIG);
    }
}
