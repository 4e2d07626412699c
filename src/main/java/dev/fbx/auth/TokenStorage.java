package dev.fbx.auth;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a {@link TokenProvider} keeps the token pair between refreshes: the token file
 * ({@link TokenStore}), or memory ({@link MemoryTokenStore}) for an account that must leave no file
 * behind, such as {@code --demo}'s.
 */
public interface TokenStorage {
    /** The stored tokens, or empty when there are none yet. */
    Optional<TokenFile> read();

    /** Replaces the stored tokens; the caller holds {@link #locked}. */
    void write(TokenFile tokens);

    /** Runs {@code action} so that no other thread or process reads or writes the tokens meanwhile. */
    <T> T locked(Supplier<T> action);

    /** Names the storage in messages, e.g. "the token file /home/pat/fb_conf.json". */
    String describe();
}
