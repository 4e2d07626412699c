package dev.fbx.dataset;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Days from {@code start} to {@code end}, both included. */
public record DateRange(LocalDate start, LocalDate end) {
    public DateRange {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public static DateRange of(LocalDate day) {
        return new DateRange(day, day);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** The range cut into consecutive pieces of at most {@code maxDays} days, in date order. */
    public List<DateRange> chunks(int maxDays) {
        List<DateRange> chunks = new ArrayList<>();
        for (LocalDate from = start; !from.isAfter(end); from = from.plusDays(maxDays)) {
            LocalDate to = from.plusDays(maxDays - 1L);
            chunks.add(new DateRange(from, to.isAfter(end) ? end : to));
        }
        return chunks;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    @Override
    public String toString() {
        return start.equals(end) ? start.toString() : start + ".." + end;
    }
}
