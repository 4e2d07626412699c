package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "temp",
        mixinStandardHelpOptions = true,
        description = {
            "Skin temperature of the main sleep relative to your baseline (°C), one row per night; a night belongs to the day it ends on.",
            "  fitbit: the API's own nightly relative value.",
            "  google: the API serves absolute temperatures; fbx writes nightly minus baseline."
        })
public class SkinTemperatureCommand extends DataCommand {}
