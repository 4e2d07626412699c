package dev.fbx.api;

/** The URLs an API is reached at: its data calls, and its OAuth endpoints where they are not under the API's own. */
public enum Endpoint {
    /** The data calls (and, on Fitbit, the token, revoke and introspection endpoints under it). */
    API,
    /** Where the browser signs in. */
    AUTHORIZE,
    /** Where codes and refresh tokens are exchanged, when not under {@link #API}. */
    TOKEN,
    /** Where tokens are revoked, when not under {@link #API}. */
    REVOKE
}
