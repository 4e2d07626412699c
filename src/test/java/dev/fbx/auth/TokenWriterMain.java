package dev.fbx.auth;

import java.nio.file.Path;

/**
 * A child process for {@link TokenStoreTest}: rewrites the token file through {@link TokenStore}
 * as fast as it can, each version a matching pair, until it is killed.
 */
public final class TokenWriterMain {
    private TokenWriterMain() {}

    public static void main(String[] args) {
        TokenStore store = new TokenStore(Path.of(args[0]));
        System.out.println("writing");
        System.out.flush();
        for (long n = 1; ; n++) {
            TokenFile file = store.require();
            store.write(file.with(TokenFile.ACCESS_TOKEN, "A" + n).with(TokenFile.REFRESH_TOKEN, "R" + n));
        }
    }
}
