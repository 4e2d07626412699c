package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "hrv",
        mixinStandardHelpOptions = true,
        description =
                "Heart-rate variability of the main sleep: the nightly summary, or its 5-minute windows. A night belongs to the day it"
                        + " ends on.")
public class HrvCommand extends DataCommand {}
