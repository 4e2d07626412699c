package dev.fbx.dataset;

import java.time.Duration;

/** How finely intraday heart rate is sampled: {@code --detail 1sec|1min|5min|15min}. */
public enum Resolution {
    SECOND("1sec", Duration.ofSeconds(1)),
    MINUTE("1min", Duration.ofMinutes(1)),
    FIVE_MINUTES("5min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15min", Duration.ofMinutes(15));

    private final String label;
    private final Duration window;

    Resolution(String label, Duration window) {
        this.label = label;
        this.window = window;
    }

    /** The name on the command line and in Fitbit's URLs. */
    public String label() {
        return label;
    }

    public Duration window() {
        return window;
    }

    public static Resolution of(String label) {
        for (Resolution r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown detail " + label);
    }
}
