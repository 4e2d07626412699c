package dev.fbx.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);

    /** 70 nights of uneven values (a sawtooth plus a trend), with nights 30 and 64 missing. */
    private static SortedMap<LocalDate, Double> series() {
        SortedMap<LocalDate, Double> values = new TreeMap<>();
        for (int i = 0; i < 70; i++) {
            if (i != 30 && i != 64) {
                values.put(FIRST.plusDays(i), 40 + (i * 7 % 11) + 0.25 * i);
            }
        }
        return values;
    }

    @Test
    void theNormalRangeIsTheMeanAndSampleSdOfTheSixtyNightsBefore() {
        SortedMap<LocalDate, Double> values = series();
        LocalDate night = FIRST.plusDays(68);

        Baseline.Night result = Baseline.of(values, night, night).get(0);

        List<Double> before = new ArrayList<>();
        for (int i = 8; i <= 67; i++) {
            if (values.containsKey(FIRST.plusDays(i))) {
                before.add(values.get(FIRST.plusDays(i)));
            }
        }
        assertEquals(58, before.size(), "60 nights before, two of them missing");
        double mean = before.stream().mapToDouble(Double::doubleValue).sum() / before.size();
        double squares =
                before.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(squares / (before.size() - 1));
        assertEquals(mean, result.bandMean(), 1e-9);
        assertEquals(sd, result.bandSd(), 1e-9);
        assertEquals(mean - sd, result.lower(), 1e-9);
        assertEquals(mean + sd, result.upper(), 1e-9);
        assertEquals(values.get(night), result.value());
        assertEquals(result.value() < mean - sd || result.value() > mean + sd, result.outside());
    }

    @Test
    void theRollingMeanTakesTheSevenNightsEndingWithTheNightAndSkipsMissingOnes() {
        SortedMap<LocalDate, Double> values = series();

        Baseline.Night night =
                Baseline.of(values, FIRST.plusDays(66), FIRST.plusDays(66)).get(0);

        double sum = 0;
        int n = 0;
        for (int i = 60; i <= 66; i++) {
            Double v = values.get(FIRST.plusDays(i));
            if (v != null) {
                sum += v;
                n++;
            }
        }
        assertEquals(6, n);
        assertEquals(sum / n, night.mean7(), 1e-9);
    }

    @Test
    void aMissingNightHasNoValueButKeepsItsRange() {
        Baseline.Night missing =
                Baseline.of(series(), FIRST.plusDays(64), FIRST.plusDays(64)).get(0);

        assertNull(missing.value());
        assertTrue(missing.bandMean() != null);
        assertFalse(missing.outside());
    }

    @Test
    void tooFewNightsBeforeGiveNoRangeAndTooFewInTheWeekNoMean() {
        SortedMap<LocalDate, Double> values = series();
        List<Baseline.Night> nights = Baseline.of(values, FIRST, FIRST.plusDays(69));

        assertNull(nights.get(Baseline.BAND_MIN - 1).bandMean(), "19 nights before: no range yet");
        assertTrue(nights.get(Baseline.BAND_MIN).bandMean() != null, "20 nights before: a range");
        assertNull(nights.get(2).mean7(), "3 nights so far: no mean");
        assertTrue(nights.get(3).mean7() != null, "4 nights: a mean");
        assertEquals(70, nights.size());
        assertFalse(nights.get(10).outside(), "no range, so never outside");

        SortedMap<LocalDate, Double> sparse = new TreeMap<>(values);
        sparse.keySet().removeIf(d -> d.isAfter(FIRST.plusDays(59)) && d.isBefore(FIRST.plusDays(66)));
        assertNull(
                Baseline.of(sparse, FIRST.plusDays(66), FIRST.plusDays(66))
                        .get(0)
                        .mean7(),
                "one value in the week");
    }
}
