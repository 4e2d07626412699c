package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(name = "spo2", mixinStandardHelpOptions = true,
        description = {"Blood-oxygen saturation (SpO2, in %%) of the main sleep, one row per night; a night belongs to the day it ends on.",
            "  fitbit: the night's average, minimum and maximum.",
            "  google: the average and the bounds of its confidence interval (not the lowest and highest readings)."})
public class Spo2Command extends DataCommand {
}
