package dev.fbx.cli;

import dev.fbx.FbxException;
import dev.fbx.dataset.DateRange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The days a data command covers: {@code --date}, {@code --from/--to} or {@code --days}; today by default. */
public class RangeOptions {
    @Option(
            names = "--date",
            paramLabel = "D",
            description = "One day: yyyy-MM-dd, today or yesterday (default: today).")
    String date;

    @Option(names = "--from", paramLabel = "D", description = "First day of the range (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "D", description = "Last day of the range (inclusive; default: today).")
    String to;

    @Option(names = "--days", paramLabel = "N", description = "The N days ending today.")
    Integer days;

    /**
     * The latest date it is anywhere now (UTC+14): checking options against it before the account's
     * own today is known finds malformed dates and reversed ranges, and never refuses a day that is
     * already today where the account is.
     */
    static LocalDate todaySomewhere(Clock clock) {
        return LocalDate.now(clock.withZone(ZoneOffset.ofHours(14)));
    }

    /** As {@link #resolve(LocalDate)}, but without any range option the {@code defaultDays} days ending today. */
    public DateRange resolve(LocalDate today, int defaultDays) {
        if (date == null && from == null && to == null && days == null) {
            return new DateRange(today.minusDays(defaultDays - 1L), today);
        }
        return resolve(today);
    }

    public DateRange resolve(LocalDate today) {
        int ways = (date != null ? 1 : 0) + (from != null || to != null ? 1 : 0) + (days != null ? 1 : 0);
        if (ways > 1) {
            throw FbxException.usage("Give one of --date, --from/--to or --days, not several.");
        }
        if (date != null) {
            return DateRange.of(day(date, "--date", today));
        }
        if (days != null) {
            if (days < 1) {
                throw FbxException.usage("--days must be at least 1, not " + days + ".");
            }
            return new DateRange(today.minusDays(days - 1L), today);
        }
        if (to != null && from == null) {
            throw FbxException.usage("--to needs --from.");
        }
        if (from != null) {
            LocalDate start = day(from, "--from", today);
            LocalDate end = to == null ? today : day(to, "--to", today);
            if (end.isBefore(start) && to == null) {
                throw FbxException.usage(
                        "--from " + start + " is after today (" + end + "), where the range ends without --to:"
                                + " give a first day up to today, or an end with --to.");
            }
            if (end.isBefore(start)) {
                throw FbxException.usage(
                        "The range ends (" + end + ") before it starts (" + start + "): swap --from and --to.");
            }
            return new DateRange(start, end);
        }
        return DateRange.of(today);
    }

    static LocalDate day(String text, String option, LocalDate today) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "today":
                return today;
            case "yesterday":
                return today.minusDays(1);
            default:
                try {
                    return LocalDate.parse(text.trim());
                } catch (DateTimeParseException e) {
                    throw FbxException.usage(option + " '" + text
                            + "' is not a date: use yyyy-MM-dd (e.g. 2024-05-10), today or yesterday.");
                }
        }
    }
}
