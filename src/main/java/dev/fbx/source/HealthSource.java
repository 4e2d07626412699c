package dev.fbx.source;

import dev.fbx.dataset.Dataset;
import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.Profile;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One provider's data as provider-neutral records. Each method splits the range into requests of
 * its endpoint's maximum and hands the rows to {@code out} in time order, each once, as they come.
 */
public interface HealthSource {
    /**
     * The most days of {@code dataset} one request covers (for {@code hr-day} on Google, one pair of
     * requests): each method below splits its range to this, and sync plans with it.
     */
    int daysPerRequest(Dataset dataset);

    /** The requests that fetching {@code dataset} over {@code range} makes, pages beyond the first of a list aside. */
    default long requests(Dataset dataset, DateRange range) {
        return range.chunks(daysPerRequest(dataset)).size();
    }

    /** The days this source holds, when it knows them (an archive); an API has data up to today. */
    default Optional<DateRange> coverage() {
        return Optional.empty();
    }

    void heartRateDays(DateRange range, Consumer<? super HeartRateDay> out);

    void heartRateSamples(DateRange range, Resolution resolution, Consumer<? super HeartRateSample> out);

    void hrvDays(DateRange range, Consumer<? super HrvDay> out);

    void hrvSamples(DateRange range, Consumer<? super HrvSample> out);

    Profile profile();

    void spo2Days(DateRange range, Consumer<? super Spo2Day> out);

    void breathingRateDays(DateRange range, Consumer<? super BreathingRateDay> out);

    void skinTemperatureDays(DateRange range, Consumer<? super SkinTemperatureDay> out);

    void sleeps(DateRange range, Consumer<? super Sleep> out);
}
