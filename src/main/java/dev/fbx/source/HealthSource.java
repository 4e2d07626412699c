package dev.fbx.source;

import dev.fbx.record.HeartRateDay;
import dev.fbx.record.HeartRateSample;
import dev.fbx.record.HrvDay;
import dev.fbx.record.HrvSample;
import dev.fbx.record.BreathingRateDay;
import dev.fbx.record.Profile;
import dev.fbx.record.SkinTemperatureDay;
import dev.fbx.record.Sleep;
import dev.fbx.record.Spo2Day;
import java.util.function.Consumer;

/**
 * One provider's data as provider-neutral records. Each method splits the range into requests of
 * its endpoint's maximum and hands the rows to {@code out} in time order, each once, as they come.
 */
public interface HealthSource {
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
