package dev.fbx.archive;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of file fbx reads from an archive (docs/archive-formats.md), recognised by name inside the category
 * folders of any layout. Non-data members (archive_browser.html, READMEs, other categories) match none.
 */
enum Family {
    /** One local day of heart-rate samples, UTC times. */
    HEART_RATE("heart_rate-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Physical Activity"),
    /** The same samples per UTC day, read only when an archive has no JSON family. */
    HEART_RATE_CSV("heart_rate_(\\d{4}-\\d{2}-\\d{2})\\.csv", "Physical Activity_GoogleData"),
    /** About a year of resting heart rate from the date in its name. */
    RESTING_HEART_RATE("resting_heart_rate-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Physical Activity"),
    HEART_RATE_ZONES(
            "time_in_heart_rate_zones-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Physical Activity"),
    /** About 30 days of sleep logs. */
    SLEEP("sleep-(\\d{4}-\\d{2}-\\d{2})\\.json", "Global Export Data", "Sleep"),
    /** One night; irregular names, so the date is read from the rows. */
    HRV_SUMMARY("Daily Heart Rate Variability Summary.*\\.csv", "Heart Rate Variability", "Sleep"),
    HRV_DETAILS("Heart Rate Variability Details - (\\d{4}-\\d{2}-\\d{2})\\.csv", "Heart Rate Variability", "Sleep"),
    BREATHING_RATE("Daily Respiratory Rate Summary.*\\.csv", "Heart Rate Variability", "Sleep"),
    /** About 100 days, START-END in the name. */
    SPO2("Daily SpO2 - (\\d{4}-\\d{2}-\\d{2})-(\\d{4}-\\d{2}-\\d{2})\\.csv", "Oxygen Saturation (SpO2)", "Sleep"),
    /** One night of SpO2 readings, UTC times with Z. */
    SPO2_MINUTE("Minute SpO2 - (\\d{4}-\\d{2}-\\d{2})\\.csv", "Oxygen Saturation (SpO2)", "Sleep"),
    /** A month of SpO2 readings of the _GoogleData family, named by its first day; UTC times with Z. */
    SPO2_MINUTE_GOOGLE("oxygen_saturation_(\\d{4}-\\d{2}-\\d{2})\\.csv", "Physical Activity_GoogleData"),
    /** About 30 nights. */
    TEMPERATURE("Computed Temperature - (\\d{4}-\\d{2}-\\d{2})\\.csv", "Temperature", "Sleep"),
    PROFILE("Profile\\.csv", "Your Profile", "Personal & Account");

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
        return switch (m.groupCount()) {
            case 0 -> List.of();
            case 1 -> List.of(LocalDate.parse(m.group(1)));
            default -> List.of(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
        };
    }
}
