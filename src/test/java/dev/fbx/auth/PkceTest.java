package dev.fbx.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PkceTest {
    @Test
    void challengeIsTheS256OfTheVerifierAsInRfc7636AppendixB() {
        assertEquals(
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").challenge());
    }

    @Test
    void verifiersAreFreshAndWithinTheAllowedLengthAndAlphabet() {
        Pkce one = Pkce.generate();
        Pkce two = Pkce.generate();
        assertNotEquals(one.verifier(), two.verifier());
        assertTrue(one.verifier().length() >= 43 && one.verifier().length() <= 128, one.verifier());
        assertTrue(one.verifier().matches("[A-Za-z0-9._~-]+"), one.verifier());
        assertEquals(Pkce.of(one.verifier()).challenge(), one.challenge());
    }

    @Test
    void theVerifierIsNotInItsDescription() {
        Pkce pkce = Pkce.generate();
        assertTrue(!pkce.toString().contains(pkce.verifier()));
    }
}
