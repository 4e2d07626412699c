package dev.fbx.api;

import java.util.regex.Pattern;

/**
 * Removes anything shaped like a token from text that reaches the terminal. Fitbit echoes the
 * rejected access token in its {@code expired_token} message, so API messages are never printed raw.
 */
public final class Redaction {
    private static final Pattern TOKENS = Pattern.compile(
            "eyJ[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){0,2}|ya29\\.[A-Za-z0-9._-]+|1//[A-Za-z0-9._-]+|[A-Fa-f0-9]{40,}");

    private Redaction() {}

    public static String apply(String text) {
        return text == null ? null : TOKENS.matcher(text).replaceAll("[redacted]");
    }
}
