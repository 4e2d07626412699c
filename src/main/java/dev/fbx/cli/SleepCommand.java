package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "sleep",
        mixinStandardHelpOptions = true,
        description = {
            "Sleeps, one row per sleep (naps included), in the order they started; a sleep belongs to the day it ends on.",
            "  start, end: local times with their offset (UTC instants with --utc).",
            "  main_sleep: true for the night's main sleep, false for a nap.",
            "  *_minutes of the stages: empty for a sleep recorded without stages (short naps, older devices)."
        })
public class SleepCommand extends DataCommand {}
