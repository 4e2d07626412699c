package dev.fbx.auth;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code fbx auth login}: the OAuth 2.0 authorization-code flow with PKCE (S256) and a random
 * {@code state}, through a {@link CallbackServer} on loopback. The token file is written once, at
 * the end, and only with the answer to the callback this very process asked for.
 */
public final class LoginFlow {
    /**
     * What signing in differs in between providers.
     *
     * @param name                for people ("Google")
     * @param clientHint          where the user finds the client id
     * @param secretRequired      whether the client secret is needed too
     * @param redirectBase        the loopback redirect URL up to the port
     * @param defaultPort         the callback's port when none is given; 0 for any free one
     * @param scopePrefix         what a short scope name ({@code sleep.readonly}) stands for in full; null when names are short
     * @param authorizeParameters added to the authorize URL
     */
    public record SignIn(
            String name,
            String clientHint,
            boolean secretRequired,
            String redirectBase,
            int defaultPort,
            List<String> defaultScopes,
            String scopePrefix,
            Map<String, String> authorizeParameters) {}

    /** The OAuth client to sign in with, and the secret to keep in the token file (null: keep none). */
    public record Client(String id, String secret, String secretToSave) {
        @Override
        public String toString() {
            return "Client[id=" + id + "]";
        }
    }

    /**
     * @param provider  the provider's name, kept in the token file
     * @param port      where the callback server listens; null for the provider's default (Fitbit 8000, Google any free port)
     * @param scopes    empty for the provider's defaults
     */
    public record Options(
            String provider,
            SignIn signIn,
            URI authorizeUrl,
            Client client,
            List<String> scopes,
            Integer port,
            Duration timeout,
            boolean openBrowser) {}

    /**
     * @param missingScopes asked for but not granted (Fitbit lets the user untick scopes)
     */
    public record Result(TokenFile saved, List<String> missingScopes) {}

    private final TokenStore store;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final PrintWriter err;
    private final Consumer<URI> browser;

    public LoginFlow(TokenStore store, TokenEndpoint endpoint, Clock clock, PrintWriter err, Consumer<URI> browser) {
        this.store = store;
        this.endpoint = endpoint;
        this.clock = clock;
        this.err = err;
        this.browser = browser;
    }

    /** Signs in and saves the tokens. */
    public Result run(Options options) {
        SignIn signIn = options.signIn();
        List<String> scopes = scopes(options.scopes(), signIn);
        Pkce pkce = Pkce.generate();
        String state = Pkce.randomToken(32);
        int port = options.port() != null ? options.port() : signIn.defaultPort();
        String code;
        String redirectUri;
        try (CallbackServer callback = CallbackServer.start(port, state)) {
            redirectUri = signIn.redirectBase() + callback.port();
            URI url = authorizeUrl(options, scopes, redirectUri, state, pkce);
            err.println(
                    "Sign in to " + signIn.name() + " and allow fbx access: open this URL in a browser" + " (fbx waits "
                            + options.timeout().toSeconds() + " seconds for the answer on " + redirectUri + "):");
            err.println();
            err.println("  " + url);
            err.println();
            err.flush();
            if (options.openBrowser()) {
                browser.accept(url);
            }
            code = callback.awaitCode(options.timeout());
        }
        TokenGrant grant = endpoint.exchange(code, pkce.verifier(), redirectUri);
        TokenFile saved = store.locked(() -> {
            TokenFile merged = merge(store.read().orElse(TokenFile.empty()), grant, options, clock.instant());
            store.write(merged);
            return merged;
        });
        List<String> granted =
                grant.scope() == null ? scopes : List.of(grant.scope().split("[,\\s]+"));
        return new Result(
                saved, scopes.stream().filter(s -> !granted.contains(s)).toList());
    }

    /** The scopes asked for: the defaults, or the given ones (Google's may be short: {@code sleep.readonly}). */
    static List<String> scopes(List<String> given, SignIn signIn) {
        if (given == null || given.isEmpty()) {
            return signIn.defaultScopes();
        }
        List<String> scopes = new ArrayList<>();
        for (String scope : given) {
            for (String one : scope.split("[,\\s]+")) {
                if (!one.isEmpty()) {
                    scopes.add(signIn.scopePrefix() != null && !one.contains("/") ? signIn.scopePrefix() + one : one);
                }
            }
        }
        return scopes;
    }

    static URI authorizeUrl(Options options, List<String> scopes, String redirectUri, String state, Pkce pkce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", options.client().id());
        query.put("response_type", "code");
        query.put("scope", String.join(" ", scopes));
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        query.putAll(new TreeMap<>(options.signIn().authorizeParameters()));
        String base = options.authorizeUrl().toString();
        return URI.create(base
                + (base.contains("?") ? "&" : "?")
                + query.entrySet().stream()
                        .map(e -> e.getKey() + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                        .collect(Collectors.joining("&")));
    }

    /**
     * The new token file: the old one's other fields stay; the tokens, expiry, scope and user are
     * the new grant's. A cached time zone stays only if the account is known to be the same.
     */
    static TokenFile merge(TokenFile existing, TokenGrant grant, Options options, Instant now) {
        boolean sameProvider = existing.get(TokenFile.PROVIDER).orElse("fitbit").equals(options.provider());
        boolean sameUser = sameProvider
                && grant.userId() != null
                && Objects.equals(existing.get(TokenFile.USER_ID).orElse(null), grant.userId());
        TokenFile file = existing;
        for (String field : List.of(
                TokenFile.ACCESS_TOKEN,
                TokenFile.REFRESH_TOKEN,
                TokenFile.REFRESH_TOKEN_EXPIRES_AT,
                TokenFile.EXPIRES_AT,
                TokenFile.SCOPE,
                TokenFile.USER_ID,
                TokenFile.TOKEN_TYPE)) {
            file = file.with(field, null);
        }
        file = file.with(TokenFile.PROVIDER, options.provider())
                .with(TokenFile.CLIENT_ID, options.client().id())
                .with(TokenFile.CLIENT_SECRET, options.client().secretToSave());
        if (!sameUser) {
            file = file.with(TokenFile.TIMEZONE, null);
        }
        return file.withGrant(grant, now);
    }
}
