package dev.fbx.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636, method S256): the verifier stays in this process and goes only to the
 * token endpoint; the authorize URL carries its SHA-256. An authorization code intercepted on its
 * way back is worthless without the verifier.
 */
public record Pkce(String verifier, String challenge) {
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    /** A fresh pair: 64 random bytes give an 86-character verifier (RFC 7636 allows 43 to 128). */
    public static Pkce generate() {
        return of(randomToken(64));
    }

    public static Pkce of(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, URL_SAFE.encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code bytes} random bytes as unpadded base64url: the verifier, and the {@code state} of a login. */
    public static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        // Made here, not held in a static: the native image initialises classes at build time and
        // would bake one seeded generator into the binary.
        new SecureRandom().nextBytes(random);
        return URL_SAFE.encodeToString(random);
    }

    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
