package dev.fbx.output;

import java.util.ArrayList;
import java.util.List;

/** Reading back one line of CSV as {@link RowWriter} writes it, and as archives hold it (RFC 4180). */
public final class CsvLine {
    private CsvLine() {}

    /**
     * The line's fields: quoted ones may hold commas and doubled quotes; an unquoted empty field is
     * null (a missing value), a quoted one the empty string.
     *
     * @throws IllegalArgumentException for a quote that is not closed
     */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.isEmpty() && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quote is not closed");
        }
        fields.add(field.isEmpty() && !wasQuoted ? null : field.toString());
        return fields;
    }
}
