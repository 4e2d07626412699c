package dev.fbx.output;

/** The output formats of the data commands. */
public enum Format {
    csv,
    ndjson,
    json
}
