package dev.fbx.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An API's error body reduced to a type and a message. Understands Fitbit's
 * {@code {"errors":[{"errorType":…,"message":…}]}}, Google's {@code google.rpc.Status}
 * {@code {"error":{"code":…,"status":…,"details":[{"reason":…}]}}} (which Fitbit also sends since
 * 2026) and OAuth's {@code {"error":"invalid_grant","error_description":…}}.
 *
 * @param type the most specific machine-readable kind: Fitbit's errorType, Google's ErrorInfo
 *             reason (else its status), or the OAuth error code; empty when the body said nothing
 */
public record ApiError(String type, String status, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiError parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return new ApiError("", "", "");
        }
        JsonNode fitbit = root.path("errors").path(0);
        if (fitbit.isObject()) {
            return new ApiError(
                    fitbit.path("errorType").asText(""),
                    "",
                    fitbit.path("message").asText(""));
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String status = error.path("status").asText("");
            String reason = "";
            for (JsonNode detail : error.path("details")) {
                reason = detail.path("reason").asText(reason);
            }
            return new ApiError(
                    reason.isEmpty() ? status : reason,
                    status,
                    error.path("message").asText(""));
        }
        if (error.isTextual()) {
            return new ApiError(
                    error.asText(), "", root.path("error_description").asText(""));
        }
        return new ApiError("", "", "");
    }

    public boolean is(String... types) {
        for (String t : types) {
            if (t.equalsIgnoreCase(type) || t.equalsIgnoreCase(status)) {
                return true;
            }
        }
        return false;
    }

    /** " (type: message)" for an error line, or "" when the body said nothing. */
    public String describe() {
        if (type.isEmpty() && message.isEmpty()) {
            return "";
        }
        return " (" + Redaction.apply(type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message)
                + ")";
    }
}
