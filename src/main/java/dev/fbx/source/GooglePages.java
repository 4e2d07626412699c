package dev.fbx.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbx.api.GoogleHealthApi;
import dev.fbx.api.Json;
import dev.fbx.api.Transport;
import dev.fbx.auth.TokenProvider;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The Google Health API's calls as fbx makes them: each through the transport (retries, rate
 * limits) with a fresh token, and its lists and roll-ups read page by page, following
 * {@code nextPageToken} through short and empty pages until there is none (docs/apis.md, "Google").
 */
final class GooglePages {
    static final int PAGE_SIZE = 10_000;
    static final int SLEEP_PAGE_SIZE = 25;

    private final GoogleHealthApi api;
    private final Transport transport;
    private final TokenProvider tokens;

    GooglePages(GoogleHealthApi api, Transport transport, TokenProvider tokens) {
        this.api = api;
        this.transport = transport;
        this.tokens = tokens;
    }

    GoogleHealthApi api() {
        return api;
    }

    /** One call's answer as JSON, its token renewed once on a 401. */
    JsonNode call(String what, Supplier<RestResponse<String>> call) {
        return Json.parse(tokens.authorized(() -> transport.execute(what, call)), what);
    }

    /** Every data point of a list call. */
    Iterable<JsonNode> list(String dataType, String filter, int pageSize, String what) {
        return pages("dataPoints", what, page -> call(what, () -> api.list(dataType, filter, pageSize, page)));
    }

    /**
     * One data point per time for samples that a phone and a watch may both record: {@code list}
     * gives each source's own points (with their {@code dataSource}), interleaved a few seconds
     * apart; {@code :reconcile} merges them into one stream (its points carry no source).
     */
    Iterable<JsonNode> reconciled(String dataType, String filter, int pageSize, String what) {
        return pages("dataPoints", what, page -> call(what, () -> api.reconcile(dataType, filter, pageSize, page)));
    }

    /** Every window of a roll-up, sending the same request again with each {@code nextPageToken}. */
    Iterable<JsonNode> rollUp(ObjectNode request, String what, Function<String, RestResponse<String>> send) {
        return pages("rollupDataPoints", what, page -> {
            if (page != null) {
                request.put("pageToken", page);
            }
            String body = request.toString();
            return call(what, () -> send.apply(body));
        });
    }

    /**
     * The points under {@code field} of a paged answer, each page asked for ({@code fetch} gets
     * null, then each {@code nextPageToken}) only when the points before it have been read: a long
     * list never sits in memory whole.
     */
    private static Iterable<JsonNode> pages(String field, String what, Function<String, JsonNode> fetch) {
        return () -> new Iterator<>() {
            private final Set<String> seen = new HashSet<>();
            private Iterator<JsonNode> page = Collections.emptyIterator();
            private String next;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    JsonNode body = fetch.apply(next);
                    page = Json.array(body, field, what).iterator();
                    next = nextPage(body, seen, what);
                    last = next == null;
                }
                return page.hasNext();
            }

            @Override
            public JsonNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    private static String nextPage(JsonNode body, Set<String> seen, String what) {
        String token = body.path("nextPageToken").asText("");
        if (token.isEmpty()) {
            return null;
        }
        if (!seen.add(token)) {
            throw Json.malformed(what, "the same nextPageToken came twice", null);
        }
        return token;
    }
}
