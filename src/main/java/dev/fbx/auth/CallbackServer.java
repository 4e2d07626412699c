package dev.fbx.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fbx.FbxException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The redirect listener of a login: an HTTP server on the loopback interface only, waiting for the
 * browser to come back from the provider with {@code ?code=…&state=…}. Only a request that carries
 * this login's random {@code state} counts, and only once; anything else is answered with an
 * explanation and changes nothing. The answer pages never repeat what the request carried.
 */
public final class CallbackServer implements AutoCloseable {
    private final HttpServer server;
    private final byte[] state;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final CompletableFuture<String> code = new CompletableFuture<>();

    private CallbackServer(HttpServer server, String state) {
        this.server = server;
        this.state = state.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0: any free port) for the callback of the login whose
     * authorize URL carries {@code state}.
     */
    public static CallbackServer start(int port, String state) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw FbxException.config(
                    "Port " + port + " on this machine is in use, so fbx cannot receive the sign-in there: stop"
                            + " what uses it, or pass --port N (for Fitbit, also add http://localhost:N as a redirect URL of your app).");
        } catch (IOException e) {
            throw FbxException.config(
                    "Cannot listen on port " + port + " for the sign-in (" + e.getMessage() + "): try another --port.",
                    e);
        }
        CallbackServer callback = new CallbackServer(http, state);
        http.createContext("/", callback::handle);
        http.start();
        return callback;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The authorization code, once the browser brings it; fails when the provider refused or nothing came in time. */
    public String awaitCode(Duration timeout) {
        try {
            return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw FbxException.notAuthorised(
                    "No sign-in arrived within " + timeout.toSeconds() + " seconds: run 'fbx auth login' again,"
                            + " open the printed URL and approve (give more time with --timeout SECONDS).");
        } catch (ExecutionException e) {
            throw (FbxException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FbxException(1, "Interrupted while waiting for the sign-in.");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "Not found", "This is fbx waiting for a sign-in; there is nothing else here.");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 405, "Not allowed", "The sign-in comes back with a GET request.");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String given = query.get("state");
            if (given == null || !MessageDigest.isEqual(state, given.getBytes(StandardCharsets.UTF_8))) {
                respond(
                        exchange,
                        400,
                        "Not signed in",
                        "This link does not belong to the sign-in fbx is waiting for (its state"
                                + " does not match), so it was ignored. Open the URL that 'fbx auth login' printed.");
                return;
            }
            if (!answered.compareAndSet(false, true)) {
                respond(
                        exchange,
                        409,
                        "Already used",
                        "This sign-in was already answered; a link can be used only once."
                                + " Run 'fbx auth login' again for a new one.");
                return;
            }
            String error = query.get("error");
            String received = query.get("code");
            if (error != null) {
                respond(
                        exchange,
                        400,
                        "Not signed in",
                        "Access was not granted, so fbx is not signed in. Run 'fbx auth login' to try again.");
                code.completeExceptionally(
                        FbxException.notAuthorised(
                                error.equals("access_denied")
                                        ? "Access was not granted in the browser (access_denied): run 'fbx auth login' again and approve."
                                        : "The sign-in was refused (" + describe(error, query.get("error_description"))
                                                + "): check the client id and the app's redirect URL, then run 'fbx auth login' again."));
            } else if (received == null || received.isBlank()) {
                respond(
                        exchange,
                        400,
                        "Not signed in",
                        "The answer carried no authorization code, so fbx is not signed in."
                                + " Run 'fbx auth login' to try again.");
                code.completeExceptionally(
                        FbxException.notAuthorised(
                                "The provider sent the browser back without an authorization code: run 'fbx auth login' again."));
            } else {
                respond(
                        exchange,
                        200,
                        "fbx got the authorization",
                        "fbx got the authorization and finishes the sign-in in your"
                                + " terminal. You can close this tab.");
                code.complete(received);
            }
        } finally {
            exchange.close();
        }
    }

    private static String describe(String error, String description) {
        String text = description == null || description.isBlank() ? error : error + ": " + description;
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String title, String text) throws IOException {
        byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>fbx: " + title + "</title></head>"
                        + "<body style=\"font-family:sans-serif;margin:3em\"><h1>" + title + "</h1><p>" + text
                        + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
