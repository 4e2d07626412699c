package dev.fbx.cli;

import dev.fbx.dataset.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Columns" section of each data command's help, read from the dataset registry when the help
 * is shown: one line per distinct set of columns, with the {@code --detail} values that print it.
 */
final class ColumnsHelp {
    private static final String SECTION = "fbxColumns";

    private ColumnsHelp() {
    }

    /** Adds the section, after the description, to every data command under {@code root}. */
    static void install(CommandLine root) {
        for (CommandLine command : root.getSubcommands().values()) {
            if (command.getCommand() instanceof DataCommand) {
                String type = command.getCommandName();
                command.getHelpSectionMap().put(SECTION, help -> render(type, help.commandSpec().usageMessage().width()));
                List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
                keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_DESCRIPTION) + 1, SECTION);
                command.setHelpSectionKeys(keys);
            }
        }
    }

    static String render(String type, int width) {
        Map<String, List<String>> details = new LinkedHashMap<>();
        for (Dataset<?> dataset : Dataset.ofType(type)) {
            details.computeIfAbsent(dataset.columnsLine(), columns -> new ArrayList<>()).add(dataset.detail());
        }
        StringBuilder text = new StringBuilder();
        details.forEach((columns, detail) -> {
            String heading = details.size() == 1 ? "Columns: " : "Columns with --detail " + String.join("|", detail) + ": ";
            text.append(wrap(heading, columns, width));
        });
        return text.toString();
    }

    /** The heading and the comma-separated columns, broken after a comma where a line would grow past {@code width}. */
    private static String wrap(String heading, String columns, int width) {
        StringBuilder text = new StringBuilder(heading);
        int lineStart = 0;
        String indent = "  ";
        for (String column : columns.split(",", -1)) {
            boolean first = text.length() == heading.length();
            String piece = (first ? "" : ",") + column;
            if (!first && text.length() - lineStart + piece.length() > width) {
                text.append(",%n").append(indent);
                lineStart = text.length() - 1;
                piece = column;
            }
            text.append(piece);
        }
        return String.format(text.append("%n").toString());
    }
}
