package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "hr",
        mixinStandardHelpOptions = true,
        description = {
            "Heart rate: a daily summary (resting heart rate, minutes per zone), or intraday samples (the mean per window).",
            "  fitbit: intraday takes one request per day; google: the raw samples a day per request, windows 13 days."
        })
public class HeartRateCommand extends DataCommand {}
