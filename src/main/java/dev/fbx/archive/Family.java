package dev.fbx.archive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of file fbx reads from an archive (docs/archive-formats.md), recognised by name inside the category
 * folders of any layout: the legacy family's and the _GoogleData family's, which hold most data twice.
 * Non-data members (archive_browser.html, READMEs, other categories) match none.
 */
enum Family {
    // The legacy family (docs/archive-formats.md, "Legacy family").
    /** One local day of heart-rate samples, UTC times. */
    HEART_RATE("heart_rate-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Physical Activity"),
    /** About a year of resting heart rate from the date in its name. */
    RESTING_HEART_RATE("resting_heart_rate-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Physical Activity"),
    HEART_RATE_ZONES(
            "time_in_heart_rate_zones-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Physical Activity"),
    /** About 30 days of sleep logs. */
    SLEEP("sleep-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Sleep"),
    /** One night; irregular names ({@code … - 2025-08-(5).csv}), so the date is read from the rows. */
    HRV_SUMMARY("Daily Heart Rate Variability Summary.*\\.csv", "Heart Rate Variability", "Sleep"),
    HRV_DETAILS(
            "Heart Rate Variability Details - " + Names.DAY_IF_NAMED + ".*\\.csv", "Heart Rate Variability", "Sleep"),
    BREATHING_RATE("Daily Respiratory Rate Summary.*\\.csv", "Heart Rate Variability", "Sleep"),
    /** About 100 days, START-END in the name. */
    SPO2("Daily SpO2 - (\\d{4}-\\d{2}-\\d{2})-(\\d{4}-\\d{2}-\\d{2})\\.csv", "Oxygen Saturation (SpO2)", "Sleep"),
    /** One night of SpO2 readings, UTC times with Z. */
    SPO2_MINUTE("Minute SpO2 - " + Names.DAY_IF_NAMED + ".*\\.csv", "Oxygen Saturation (SpO2)", "Sleep"),
    /** About 30 nights. */
    TEMPERATURE("Computed Temperature - " + Names.DAY_IF_NAMED + ".*\\.csv", "Temperature", "Sleep"),
    PROFILE("Profile\\.csv", "Your Profile", "Personal & Account"),
    /** The paired devices, in two files: {@code Devices.csv} and {@code Trackers.csv}. */
    DEVICES("(?:Devices|Trackers)\\.csv", "Paired Devices"),

    // The _GoogleData family (docs/archive-formats.md, "_GoogleData family"): the Google Health API's fields.
    /** One UTC day of heart-rate samples. */
    HEART_RATE_CSV("heart_rate_(\\d{4}-\\d{2}-\\d{2})\\.csv", Names.GOOGLE_DATA),
    RESTING_HEART_RATE_GOOGLE("daily_resting_heart_rate.*\\.csv", Names.GOOGLE_DATA),
    /** Every night in one file. */
    HRV_SUMMARY_GOOGLE("daily_heart_rate_variability.*\\.csv", Names.GOOGLE_DATA),
    /** A month of 5-minute HRV, named by its first day; UTC times with Z. */
    HRV_DETAILS_GOOGLE("heart_rate_variability_" + Names.DAY_IF_NAMED + ".*\\.csv", Names.GOOGLE_DATA),
    BREATHING_RATE_GOOGLE("daily_respiratory_rate.*\\.csv", Names.GOOGLE_DATA),
    /** {@code daily_oxygen_saturation.csv}, or a few named by a date: each read whole. */
    SPO2_GOOGLE("daily_oxygen_saturation.*\\.csv", Names.GOOGLE_DATA),
    /** A month of SpO2 readings, named by its first day with data; UTC times with Z. */
    SPO2_MINUTE_GOOGLE("oxygen_saturation_" + Names.DAY_IF_NAMED + ".*\\.csv", Names.GOOGLE_DATA),
    TEMPERATURE_GOOGLE("daily_sleep_temperature_derivations.*\\.csv", Names.GOOGLE_DATA);

    /** Parts of the names above (a holder: an enum's constants cannot name its own static fields). */
    private static final class Names {
        /** The date in a name where there is one; names with a counter instead ({@code 2025-08-(5)}) have none. */
        static final String DAY_IF_NAMED = "(\\d{4}-\\d{2}-\\d{2})?";

        static final String GOOGLE_DATA = "Physical Activity_GoogleData";
    }

    private final Pattern name;
    private final List<String> folders;

    Family(String name, String... folders) {
        this.name = Pattern.compile(name);
        this.folders = List.of(folders);
    }

    /** Where its files are, for messages: {@code Heart Rate Variability/Daily Heart Rate Variability Summary…csv}. */
    String describe() {
        return folders.get(0) + "/"
                + name.pattern()
                        .replace(Names.DAY_IF_NAMED + ".*", "YYYY-MM-DD")
                        .replace("(\\d{4}-\\d{2}-\\d{2})", "YYYY-MM-DD")
                        .replace(".*", "…")
                        .replace("\\.", ".");
    }

    /** The family of the file {@code file} in the folder {@code folder}, or null. */
    static Family of(String folder, String file) {
        for (Family family : values()) {
            if (family.folders.contains(folder) && family.name.matcher(file).matches()) {
                return family;
            }
        }
        return null;
    }

    /** The dates in a file's name: none, the day it holds (or starts at), or a first and last day. */
    List<LocalDate> dates(String file) {
        Matcher m = name.matcher(file);
        if (!m.matches()) {
            return List.of();
        }
        List<LocalDate> dates = new ArrayList<>();
        for (int group = 1; group <= m.groupCount(); group++) {
            String date = m.group(group);
            if (date != null && date.length() == 10) {
                dates.add(LocalDate.parse(date));
            }
        }
        return dates;
    }
}
