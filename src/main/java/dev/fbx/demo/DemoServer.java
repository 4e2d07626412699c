package dev.fbx.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fbx.FbxException;
import dev.fbx.api.Endpoint;
import dev.fbx.auth.TokenFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo account's APIs, on a random loopback port of this process: the Google Health API's
 * calls ({@link GoogleAnswers}) and the legacy Fitbit Web API's data endpoints, in their documented
 * shapes and range limits, behind a bearer token, and each one's OAuth token endpoint with its
 * rules (Google: the refresh token stays, access tokens last an hour; Fitbit: single-use refresh
 * tokens, 8-hour access tokens). fbx reaches it through its real clients and provider wiring
 * ({@link #endpoints()}), so a demo run exercises the same code as a real one, token refresh
 * included: the account starts with an expired access token.
 */
public final class DemoServer implements AutoCloseable {
    public static final String CLIENT_ID = "fbx-demo";
    /** Google's Desktop clients have a secret that is not one; the demo's is public too. */
    public static final String CLIENT_SECRET = "fbx-demo-not-a-secret";
    /** What Google grants a sign-in with fbx's scopes. */
    private static final String GOOGLE_SCOPES =
            "https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly"
                    + " https://www.googleapis.com/auth/googlehealth.sleep.readonly https://www.googleapis.com/auth/googlehealth.settings.readonly"
                    + " https://www.googleapis.com/auth/googlehealth.profile.readonly";
    /** Where Google's token endpoint is served (Fitbit's is /oauth2/token, on its API's host). */
    private static final String GOOGLE_TOKEN_PATH = "/google/token";

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    private static final String RANGE = DATE + "/" + DATE;

    /** A Fitbit data endpoint: its path, the most days one request may span, and the answer for a range. */
    private record Route(Pattern path, int maxDays, RangeAnswer answer) {}

    @FunctionalInterface
    private interface RangeAnswer {
        JsonNode answer(LocalDate start, LocalDate end);
    }

    private final FitbitAnswers fitbit;
    private final GoogleAnswers google;
    private final Clock clock;
    private final HttpServer server;
    private final List<Route> routes = new ArrayList<>();
    private final Pattern intraday =
            Pattern.compile("/1/user/-/activities/heart/date/" + DATE + "/1d/(1sec|1min|5min|15min)\\.json");
    private final AtomicInteger refreshes = new AtomicInteger();
    private String accessToken = "demo-access-0";
    private String refreshToken = "demo-refresh-0";
    /** The first access token is born expired: only tokens from a refresh are accepted. */
    private boolean accessTokenValid;

    private DemoServer(Clock clock, DemoPerson person) throws IOException {
        this.clock = clock;
        this.fitbit = new FitbitAnswers(person);
        this.google = new GoogleAnswers(person);
        route("/1/user/-/activities/heart/date/" + RANGE + "\\.json", 365, fitbit::heartRateDays);
        route("/1/user/-/hrv/date/" + RANGE + "\\.json", 30, fitbit::hrv);
        route("/1/user/-/hrv/date/" + RANGE + "/all\\.json", 30, fitbit::hrvIntraday);
        route("/1/user/-/spo2/date/" + RANGE + "\\.json", 30, fitbit::spo2);
        route("/1/user/-/spo2/date/" + RANGE + "/all\\.json", 30, fitbit::spo2Intraday);
        route("/1/user/-/br/date/" + RANGE + "\\.json", 30, fitbit::breathingRate);
        route("/1/user/-/temp/skin/date/" + RANGE + "\\.json", 30, fitbit::skinTemperature);
        route("/1.2/user/-/sleep/date/" + RANGE + "\\.json", 100, fitbit::sleep);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the demo account's API on a free loopback port. */
    public static DemoServer start(Clock clock) {
        return start(clock, null);
    }

    /**
     * Starts a synthetic person's API on a free loopback port: a cohort's participant, a different
     * person for each id (and the same for the same id), or the demo account.
     *
     * @param participant the participant's id; null for the demo account
     */
    public static DemoServer start(Clock clock, String participant) {
        try {
            return new DemoServer(
                    clock,
                    participant == null ? new DemoPerson(ZONE) : new DemoPerson(ZONE, DemoPerson.seed(participant)));
        } catch (IOException e) {
            throw new FbxException(1, "Cannot start the demo account on a loopback port (" + e.getMessage() + ").", e);
        }
    }

    private void route(String path, int maxDays, RangeAnswer answer) {
        routes.add(new Route(Pattern.compile(path), maxDays, answer));
    }

    /** The base URL of the account's APIs (and of Fitbit's token endpoint, as on api.fitbit.com). */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /**
     * Where each provider's endpoints are served here: both APIs (and Fitbit's token endpoint under
     * its API, as on api.fitbit.com) at the base URL, Google's token and revoke endpoints beside them.
     */
    public Map<Endpoint, URI> endpoints() {
        String base = uri().toString();
        return Map.of(
                Endpoint.API,
                uri(),
                Endpoint.TOKEN,
                URI.create(base + GOOGLE_TOKEN_PATH),
                Endpoint.REVOKE,
                URI.create(base + "/google/revoke"));
    }

    /**
     * The tokens fbx starts from: an access token that expired an hour ago, so that the first
     * request refreshes it, exactly as after a night with a real token file.
     */
    public synchronized TokenFile expiredTokens(String provider) {
        return TokenFile.empty()
                .with(TokenFile.PROVIDER, provider)
                .with(TokenFile.CLIENT_ID, CLIENT_ID)
                // As 'fbx auth login' saves it; Google's token answers name no user.
                .with(TokenFile.USER_ID, DemoPerson.USER_ID)
                .with(TokenFile.ACCESS_TOKEN, accessToken)
                .with(TokenFile.REFRESH_TOKEN, refreshToken)
                .with(
                        TokenFile.EXPIRES_AT,
                        clock.instant().minus(1, ChronoUnit.HOURS).toString());
    }

    /** How many times the token endpoint handed out a new pair. */
    public int refreshes() {
        return refreshes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/oauth2/token") && exchange.getRequestMethod().equals("POST")) {
                token(exchange);
                return;
            }
            if (path.equals(GOOGLE_TOKEN_PATH) && exchange.getRequestMethod().equals("POST")) {
                googleToken(exchange);
                return;
            }
            if (path.startsWith("/v4/")) {
                googleApi(exchange, path);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                fitbitError(exchange, 405, "validation", "Only GET is served here.");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!acceptsAccessToken(authorization)) {
                fitbitError(
                        exchange,
                        401,
                        authorization != null && authorization.startsWith("Bearer demo-access-")
                                ? "expired_token"
                                : "invalid_token",
                        "Access token expired or invalid. Visit https://dev.fitbit.com/docs/oauth2 for more information on the Fitbit Web API authorization process.");
                return;
            }
            LocalDate today = LocalDate.now(clock.withZone(ZONE));
            if (path.equals("/1/user/-/profile.json")) {
                send(exchange, 200, fitbit.profile(today));
                return;
            }
            if (path.equals("/1/user/-/devices.json")) {
                send(exchange, 200, fitbit.devices(today));
                return;
            }
            Matcher m = intraday.matcher(path);
            if (m.matches()) {
                send(exchange, 200, fitbit.heartRateIntraday(LocalDate.parse(m.group(1)), m.group(2)));
                return;
            }
            for (Route route : routes) {
                m = route.path().matcher(path);
                if (m.matches()) {
                    range(exchange, route, m.group(1), m.group(2));
                    return;
                }
            }
            fitbitError(exchange, 404, "not_found", "The API you are requesting could not be found.");
        } catch (DateTimeParseException e) {
            fitbitError(exchange, 400, "validation", "Invalid date: " + e.getParsedString());
        } catch (RuntimeException e) {
            fitbitError(exchange, 500, "system", "The demo account failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private void range(HttpExchange exchange, Route endpoint, String from, String to) throws IOException {
        LocalDate start = LocalDate.parse(from);
        LocalDate end = LocalDate.parse(to);
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days < 1 || days > endpoint.maxDays()) {
            fitbitError(
                    exchange,
                    400,
                    "validation",
                    "The date range must span 1 to " + endpoint.maxDays() + " days, not " + days + ".");
            return;
        }
        send(exchange, 200, endpoint.answer().answer(start, end));
    }

    /** A Google Health API call, behind Google's bearer check and in its error shape. */
    private void googleApi(HttpExchange exchange, String path) throws IOException {
        GoogleAnswers.Answer answer;
        if (!acceptsAccessToken(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer = GoogleAnswers.error(
                    401,
                    "UNAUTHENTICATED",
                    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        } else {
            String body = exchange.getRequestMethod().equals("POST")
                    ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : null;
            String query = exchange.getRequestURI().getRawQuery();
            answer = google.answer(
                    exchange.getRequestMethod(),
                    path,
                    form(query == null ? "" : query),
                    body,
                    LocalDate.now(clock.withZone(ZONE)));
        }
        send(exchange, answer.status(), answer.body());
    }

    /** Google's refresh grant: the refresh token stays valid and is not sent again; an access token lasts an hour. */
    private void googleToken(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        ObjectNode grant = JsonNodeFactory.instance.objectNode();
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            send(
                    exchange,
                    401,
                    grant.put("error", "invalid_client").put("error_description", "The OAuth client was not found."));
            return;
        }
        synchronized (this) {
            if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
                send(exchange, 400, grant.put("error", "invalid_grant").put("error_description", "Bad Request"));
                return;
            }
            int n = refreshes.incrementAndGet();
            accessToken = "demo-access-" + n;
            accessTokenValid = true;
            grant.put("access_token", accessToken)
                    .put("expires_in", 3599)
                    .put("scope", GOOGLE_SCOPES)
                    .put("token_type", "Bearer");
        }
        send(exchange, 200, grant);
    }

    /**
     * Fitbit's refresh grant: the client is named in the form (a Personal app) or with HTTP Basic and
     * its secret (a Server app); the refresh token is single use, and a used one is rejected as invalid_grant.
     */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        boolean knownClient = basic == null
                ? CLIENT_ID.equals(form.get("client_id"))
                : basic.equals("Basic "
                        + Base64.getEncoder()
                                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        if (!knownClient) {
            fitbitError(exchange, 401, "invalid_client", "Invalid authorization header format or client id.");
            return;
        }
        ObjectNode grant;
        synchronized (this) {
            if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
                fitbitError(exchange, 400, "invalid_grant", "Refresh token invalid.");
                return;
            }
            int n = refreshes.incrementAndGet();
            accessToken = "demo-access-" + n;
            refreshToken = "demo-refresh-" + n;
            accessTokenValid = true;
            grant = JsonNodeFactory.instance
                    .objectNode()
                    .put("access_token", accessToken)
                    .put("expires_in", 28800)
                    .put("refresh_token", refreshToken)
                    .put("scope", "heartrate oxygen_saturation respiratory_rate temperature sleep profile settings")
                    .put("token_type", "Bearer")
                    .put("user_id", DemoPerson.USER_ID);
        }
        send(exchange, 200, grant);
    }

    private synchronized boolean acceptsAccessToken(String authorization) {
        return accessTokenValid && ("Bearer " + accessToken).equals(authorization);
    }

    /** A form body or a query string, decoded. */
    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void fitbitError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errors").addObject().put("errorType", type).put("message", message);
        body.put("success", false);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
