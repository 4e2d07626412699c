package dev.fbx.api;

import dev.fbx.FbxException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Sends one logical request: retries network failures and 5xx answers with capped exponential
 * backoff and jitter, keeps the quota the server announces, applies the rate-limit policy, and
 * turns every other failure into an exception that carries docs/exit-codes.md's exit code.
 */
public final class Transport {
    private static final Logger LOG = Logger.getLogger(Transport.class);

    /** What to do when the quota is spent: return how long to wait before trying again, or throw. */
    @FunctionalInterface
    public interface RateLimitPolicy {
        Duration onLimited(RateLimitedException limited, int timesInARow);
    }

    /** Give up at once: commands exit 75 and the user comes back after the reset. */
    public static final RateLimitPolicy FAIL = (limited, times) -> {
        throw limited;
    };

    /** Wait until the announced reset (or back off when none was announced), a bounded number of times. */
    public static RateLimitPolicy waitUpTo(int times, Duration unannounced, Clock clock) {
        return (limited, n) -> {
            if (n > times) {
                throw limited;
            }
            if (limited.resetAt() == null) {
                return backoff(unannounced, Duration.ofMinutes(5), n);
            }
            return Duration.between(clock.instant(), limited.resetAt()).plusSeconds(1);
        };
    }

    /** @param attempts how many times one request is sent before a network failure or 5xx is final */
    public record Retry(int attempts, Duration initialDelay, Duration maxDelay) {}

    private final ApiDialect dialect;
    private final Retry retry;
    private final Clock clock;
    private volatile RateLimitPolicy rateLimitPolicy = FAIL;
    private volatile Quota quota = Quota.UNKNOWN;
    /** Null where the server announces its quota (or has none): nothing is paced. */
    private Pacing pacing;

    private long requestsSent;
    /** The server's clock minus ours, from the last answer's {@code Date} header; null before one came. */
    private volatile Duration serverClockAhead;

    public Transport(ApiDialect dialect, Retry retry, Clock clock) {
        this.dialect = dialect;
        this.retry = retry;
        this.clock = clock;
    }

    public void rateLimitPolicy(RateLimitPolicy policy) {
        this.rateLimitPolicy = policy;
    }

    /**
     * Sends at most {@code requests} per {@code window} (and a second), waiting before the next
     * where needed: for a quota the server keeps without announcing it in its answers.
     */
    public void pace(int requests, Duration window) {
        this.pacing = new Pacing(requests, window);
    }

    public Quota quota() {
        return quota;
    }

    public long requestsSent() {
        return requestsSent;
    }

    public ApiDialect dialect() {
        return dialect;
    }

    /**
     * How far the server's clock is ahead of this machine's (negative: behind), from the {@code Date}
     * header of the last answer (whole seconds, so within a second or two); empty before any answer had one.
     */
    public Optional<Duration> serverClockAhead() {
        return Optional.ofNullable(serverClockAhead);
    }

    private void readServerClock(RestResponse<String> response) {
        String date = ApiDialect.header(response, "Date");
        if (date != null) {
            try {
                Instant server = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                serverClockAhead = Duration.between(clock.instant(), server);
            } catch (DateTimeParseException e) {
                LOG.debugf("unreadable Date header: %s", date);
            }
        }
    }

    /**
     * Sends {@code request} until it succeeds or fails for good, and returns the body.
     *
     * @param what what is being fetched, for messages ("heart rate for 2024-05-10")
     */
    public String execute(String what, Supplier<RestResponse<String>> request) {
        int failures = 0;
        int limitedInARow = 0;
        while (true) {
            Instant now = clock.instant();
            if (quota.exhaustedAt(now)) {
                // The server said it would refuse this request: do not send it.
                sleep(rateLimitPolicy.onLimited(
                        new RateLimitedException(dialect.name(), quota.resetAt(), now), ++limitedInARow));
                quota = Quota.UNKNOWN;
                continue;
            }
            RestResponse<String> response;
            String body;
            long started = System.nanoTime();
            if (pacing != null) {
                Duration wait = pacing.delay(now);
                if (!wait.isZero()) {
                    sleep(wait);
                    now = clock.instant();
                }
                pacing.sent(now);
            }
            try {
                requestsSent++;
                response = request.get();
                body = body(response);
            } catch (ProcessingException e) {
                failures++;
                LOG.debugf("%s: %s (attempt %d)", what, rootMessage(e), failures);
                if (failures >= retry.attempts()) {
                    throw new FbxException(
                            FbxException.UNAVAILABLE,
                            "Cannot reach " + dialect.name() + " for " + what + " after " + failures + " attempts ("
                                    + rootMessage(e) + "): check the network and try again.",
                            e);
                }
                sleep(backoff(retry.initialDelay(), retry.maxDelay(), failures));
                continue;
            }
            readServerClock(response);
            int status = response.getStatus();
            LOG.debugf("%s: HTTP %d in %d ms", what, status, (System.nanoTime() - started) / 1_000_000);
            quota = dialect.quota(response, now);
            if (status / 100 == 2) {
                return body;
            }
            ApiError error = ApiError.parse(body);
            if (status == 429) {
                Instant reset = quota.resetAt();
                Long retryAfter = ApiDialect.longHeader(response, "Retry-After");
                if (reset == null && retryAfter != null) {
                    reset = now.plusSeconds(retryAfter);
                }
                quota = Quota.UNKNOWN;
                sleep(rateLimitPolicy.onLimited(new RateLimitedException(dialect.name(), reset, now), ++limitedInARow));
                continue;
            }
            limitedInARow = 0;
            if (status >= 500) {
                failures++;
                if (failures >= retry.attempts()) {
                    throw new FbxException(
                            FbxException.UNAVAILABLE,
                            dialect.name() + " kept failing for " + what + ": HTTP " + status + error.describe()
                                    + " after " + failures + " attempts. Try again later.");
                }
                Long retryAfter = ApiDialect.longHeader(response, "Retry-After");
                sleep(
                        retryAfter != null
                                ? Duration.ofSeconds(
                                        Math.min(retryAfter, retry.maxDelay().getSeconds()))
                                : backoff(retry.initialDelay(), retry.maxDelay(), failures));
                continue;
            }
            throw dialect.refusal(status, error, what);
        }
    }

    /**
     * The body as text. With the default mapper off, the client hands over the entity of an error
     * response (and sometimes of a success) as the raw stream, which no reader maps to String.
     */
    private static String body(RestResponse<String> response) {
        Object entity = response.getEntity();
        if (entity instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ProcessingException(e);
            }
        }
        return entity == null ? "" : entity.toString();
    }

    static Duration backoff(Duration initial, Duration max, int attempt) {
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        LOG.debugf("waiting %d ms", duration.toMillis());
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FbxException(1, "Interrupted while waiting to retry.");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + Redaction.apply(message));
    }
}
