package dev.fbx.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbx.FbxException;
import java.io.IOException;

/**
 * Reading API bodies tolerantly where the APIs are loose (numbers as strings, {@code "NaN"},
 * missing fields) and strictly where fbx cannot go on (not JSON, a list that is not a list): those
 * are exit 65, naming what was being read.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode parse(String body, String what) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isContainerNode()) {
                throw malformed(what, "not a JSON object or array", null);
            }
            return node;
        } catch (IOException e) {
            throw malformed(what, "not valid JSON", e);
        }
    }

    /** The array at {@code field}; absent or null is empty, anything else is malformed. */
    public static Iterable<JsonNode> array(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return java.util.List.of();
        }
        if (!value.isArray()) {
            throw malformed(what, "\"" + field + "\" is not a list", null);
        }
        return value;
    }

    /** The elements of a body that is itself a list (Fitbit's SpO2 and devices answers). */
    public static Iterable<JsonNode> elements(JsonNode node, String what) {
        if (!node.isArray()) {
            throw malformed(what, "not a list", null);
        }
        return node;
    }

    /** A number, given as a JSON number or a string; null when absent, not a number, or NaN. */
    public static Double number(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(value) ? value : null;
    }

    public static Integer integer(JsonNode node) {
        Double value = number(node);
        return value == null ? null : (int) Math.round(value);
    }

    public static FbxException malformed(String what, String problem, Throwable cause) {
        return FbxException.badData(
                "The API's answer for " + what + " cannot be read (" + problem
                        + "). Try again; if it persists, report it with the output of -v.",
                cause);
    }
}
