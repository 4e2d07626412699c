package dev.fbx.archive;

/** Where an archive keeps its category folders (docs/archive-formats.md, "Three layouts"). */
public enum Layout {
    TAKEOUT_FITBIT("Google Takeout \"Fitbit\""),
    TAKEOUT_GOOGLE_HEALTH("Google Takeout \"Google Health\""),
    ACCOUNT_ARCHIVE("fitbit.com account archive");

    private final String label;

    Layout(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The layout of an entry path whose category folder is at segment {@code category}. */
    static Layout of(String[] segments, int category) {
        // The folder above the categories names the export; "Takeout/" above it may be missing when
        // someone zipped the export's own folder again.
        if (category >= 1 && segments[category - 1].equals("Fitbit")) {
            return TAKEOUT_FITBIT;
        }
        if (category >= 1 && segments[category - 1].equals("Google Health")) {
            return TAKEOUT_GOOGLE_HEALTH;
        }
        return switch (segments[category]) {
            case "Physical Activity", "Sleep", "Personal & Account" -> ACCOUNT_ARCHIVE;
            default -> null;
        };
    }
}
