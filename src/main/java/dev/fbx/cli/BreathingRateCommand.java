package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "br",
        mixinStandardHelpOptions = true,
        description =
                "Breathing rate of the main sleep, in breaths per minute, one row per night; a night belongs to the day it ends on.")
public class BreathingRateCommand extends DataCommand {}
