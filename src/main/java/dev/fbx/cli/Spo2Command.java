package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "spo2",
        mixinStandardHelpOptions = true,
        description = {
            "Blood-oxygen saturation (SpO2, in %%) of the main sleep: one row per night, or per reading with --detail minute;"
                    + " a night belongs to the day it ends on.",
            "The night's avg, min and max are on fitbit its average and extremes, on google the average and the bounds of its confidence"
                    + " interval (not the lowest and highest readings). 50.0, the sensor's floor, is not a reading and is not written."
        })
public class Spo2Command extends DataCommand {}
