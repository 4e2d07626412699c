package dev.fbx.auth;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Tokens held only in this process's memory: nothing is read from or written to disk, and they die with it. */
public final class MemoryTokenStore implements TokenStorage {
    private final ReentrantLock lock = new ReentrantLock();
    private final String description;
    private volatile TokenFile tokens;

    /** @param description names the tokens in messages ("the demo account's tokens") */
    public MemoryTokenStore(TokenFile initial, String description) {
        this.tokens = initial;
        this.description = description;
    }

    @Override
    public Optional<TokenFile> read() {
        return Optional.ofNullable(tokens);
    }

    @Override
    public void write(TokenFile tokens) {
        this.tokens = tokens;
    }

    @Override
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
