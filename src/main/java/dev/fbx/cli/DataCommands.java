package dev.fbx.cli;

import dev.fbx.dataset.Dataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What the data commands take from the dataset registry rather than declare: {@code --detail}
 * with the details their datasets have (for a command with more than one), and the "Columns"
 * section of their help, rendered when the help is shown. A dataset added to the registry thus
 * appears on the command line without a change here.
 */
final class DataCommands {
    static final String DETAIL = "--detail";
    private static final String COLUMNS = "fbxColumns";

    private DataCommands() {}

    /** Adds {@code --detail} and the columns section to every data command under {@code root}. */
    static void install(CommandLine root) {
        for (CommandLine command : root.getSubcommands().values()) {
            if (command.getCommand() instanceof DataCommand) {
                String type = command.getCommandName();
                List<String> details = details(type);
                if (details.size() > 1) {
                    command.getCommandSpec()
                            .addOption(OptionSpec.builder(DETAIL)
                                    .paramLabel(String.join("|", details))
                                    .type(String.class)
                                    .defaultValue("day")
                                    .completionCandidates(details)
                                    .converters(new Choices(details))
                                    .description("day (the default) or "
                                            + String.join(", ", details.subList(1, details.size()))
                                            + ": the columns of each are listed above.")
                                    .build());
                }
                command.getHelpSectionMap()
                        .put(
                                COLUMNS,
                                help -> columns(
                                        type, help.commandSpec().usageMessage().width()));
                List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
                keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_DESCRIPTION) + 1, COLUMNS);
                command.setHelpSectionKeys(keys);
            }
        }
    }

    /** The {@code --detail} values of a command: {@code day} first, then the finest first (the registry lists them coarsest first). */
    static List<String> details(String type) {
        List<String> details = new ArrayList<>(Dataset.ofType(type).stream()
                .map(Dataset::detail)
                .filter(d -> !d.equals("day"))
                .toList());
        Collections.reverse(details);
        details.add(0, "day");
        return details;
    }

    static String columns(String type, int width) {
        Map<String, List<String>> details = new LinkedHashMap<>();
        for (Dataset<?> dataset : Dataset.ofType(type)) {
            details.computeIfAbsent(dataset.columnsLine(), columns -> new ArrayList<>())
                    .add(dataset.detail());
        }
        StringBuilder text = new StringBuilder();
        details.forEach((columns, detail) -> {
            String heading =
                    details.size() == 1 ? "Columns: " : "Columns with --detail " + String.join("|", detail) + ": ";
            text.append(wrap(heading, columns, width));
        });
        return text.toString();
    }

    /** The heading and the comma-separated columns, broken after a comma where a line would grow past {@code width}. */
    private static String wrap(String heading, String columns, int width) {
        StringBuilder text = new StringBuilder(heading);
        int lineStart = 0;
        for (String column : columns.split(",", -1)) {
            boolean first = text.length() == heading.length();
            String piece = (first ? "" : ",") + column;
            if (!first && text.length() - lineStart + piece.length() > width) {
                text.append(",%n  ");
                lineStart = text.length() - 1;
                piece = column;
            }
            text.append(piece);
        }
        return String.format(text.append("%n").toString());
    }
}
