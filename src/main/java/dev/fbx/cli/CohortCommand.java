package dev.fbx.cli;

import picocli.CommandLine.Command;

@Command(
        name = "cohort",
        mixinStandardHelpOptions = true,
        description = {
            "A study's participants, listed in a roster (CSV: participant,token_file,archive), synced into one database or"
                    + " directory under the study's own ids (sync), and their wear-time compliance (report).",
            "%nSee docs/cohorts.md."
        },
        subcommands = {CohortSyncCommand.class, CohortReportCommand.class})
public class CohortCommand {}
