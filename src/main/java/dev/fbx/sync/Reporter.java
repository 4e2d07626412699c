package dev.fbx.sync;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * What a sync tells the person or the log watching it, on stderr: the plan, then either a live
 * line redrawn in place (a terminal) or one plain line per request's worth of days (a log), or
 * nothing ({@code --quiet}). Errors are not reported here: the exit handling prints them.
 */
public abstract class Reporter {
    private final PrintWriter err;
    /** Before every line: empty, or the account's name and ": " where several accounts sync side by side (a cohort). */
    final String who;

    private Reporter(PrintWriter err, String account) {
        this.err = err;
        this.who = account == null ? "" : account + ": ";
    }

    /** Where a sync stands after a chunk's days are written. */
    public record Status(
            String dataset,
            String days,
            long daysDone,
            long daysPlanned,
            long requestsDone,
            long requestsPlanned,
            Integer quotaLeft,
            Duration eta) {
        String quota() {
            return quotaLeft == null ? "unknown" : quotaLeft.toString();
        }
    }

    public abstract void plan(String summary);

    /** A dataset the source does not serve, and why: said once, before the plan. */
    public abstract void skipped(String note);

    public abstract void progress(Status status);

    public abstract void waiting(Duration wait, Instant until);

    public abstract void finished(String summary);

    /** Ends a live line so that what follows (an error) starts on a line of its own. */
    public void close() {}

    /** Said even with {@code --quiet}: like an error, a stop by a signal must leave a line in the log. */
    public final void stopped(String message) {
        close();
        err.println("fbx: " + who + message);
        err.flush();
    }

    public static Reporter quiet(PrintWriter err) {
        return quiet(err, null);
    }

    /** @param account the account's name on its lines, where several sync side by side; null for none */
    public static Reporter quiet(PrintWriter err, String account) {
        return new Reporter(err, account) {
            @Override
            public void plan(String summary) {}

            @Override
            public void skipped(String note) {}

            @Override
            public void progress(Status status) {}

            @Override
            public void waiting(Duration wait, Instant until) {}

            @Override
            public void finished(String summary) {}
        };
    }

    /** One line per event, for logs (a CronJob's, a redirected stderr). */
    public static Reporter lines(PrintWriter err) {
        return lines(err, null);
    }

    /** @param account the account's name on its lines, where several sync side by side; null for none */
    public static Reporter lines(PrintWriter err, String account) {
        return new Reporter(err, account) {
            @Override
            public void plan(String summary) {
                print(summary);
            }

            @Override
            public void skipped(String note) {
                print(note);
            }

            @Override
            public void progress(Status s) {
                print(s.dataset() + " " + s.days() + ": days " + s.daysDone() + "/" + s.daysPlanned() + ", requests "
                        + s.requestsDone() + "/" + s.requestsPlanned() + ", quota left " + s.quota() + ", about "
                        + Rate.describe(s.eta()) + " to go");
            }

            @Override
            public void waiting(Duration wait, Instant until) {
                print(waitMessage(wait, until));
            }

            @Override
            public void finished(String summary) {
                print(summary);
            }

            private void print(String line) {
                err.println("fbx sync: " + who + line);
                err.flush();
            }
        };
    }

    /** A status line redrawn in place on a terminal. */
    public static Reporter live(PrintWriter err) {
        return new Reporter(err, null) {
            private int shown;

            @Override
            public void plan(String summary) {
                line(summary);
                end();
            }

            @Override
            public void skipped(String note) {
                plan(note);
            }

            @Override
            public void progress(Status s) {
                line(s.dataset() + " " + s.days() + "  days " + s.daysDone() + "/" + s.daysPlanned() + "  requests "
                        + s.requestsDone() + "/" + s.requestsPlanned() + "  quota " + s.quota() + "  ETA "
                        + Rate.describe(s.eta()));
            }

            @Override
            public void waiting(Duration wait, Instant until) {
                line(waitMessage(wait, until));
            }

            @Override
            public void finished(String summary) {
                line(summary);
                end();
            }

            @Override
            public void close() {
                end();
            }

            private void line(String text) {
                StringBuilder line = new StringBuilder("\r").append(text);
                for (int i = text.length(); i < shown; i++) {
                    line.append(' ');
                }
                shown = text.length();
                err.print(line);
                err.flush();
            }

            private void end() {
                if (shown > 0) {
                    err.println();
                    err.flush();
                    shown = 0;
                }
            }
        };
    }

    static String waitMessage(Duration wait, Instant until) {
        String at = DateTimeFormatter.ISO_LOCAL_TIME.format(
                until.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault()));
        return "rate limit reached: waiting " + Rate.describe(wait) + " (until " + at + ") for the quota to reset";
    }
}
