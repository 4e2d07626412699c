package dev.fbx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An option given as the empty string hides what the environment says: how a cohort's participant
 * is kept from the run's own archive and seed tokens (FBX_ARCHIVE, FBX_REFRESH_TOKEN, which system
 * properties stand in for here: both sit below the options).
 */
class SettingsTest {
    @Test
    void anEmptyOptionHidesTheEnvironmentsValue() {
        System.setProperty(Settings.REFRESH_TOKEN, "SEED");
        System.setProperty(Settings.ARCHIVE, "x.zip");
        try {
            Settings plain = Settings.resolve(Map.of(), false);
            assertEquals(Optional.of("SEED"), plain.get(Settings.REFRESH_TOKEN));
            assertEquals(1, plain.archive().size());

            Settings participant = Settings.resolve(Map.of(Settings.REFRESH_TOKEN, "", Settings.ARCHIVE, ""), false);
            assertEquals(Optional.empty(), participant.get(Settings.REFRESH_TOKEN));
            assertEquals(List.of(), participant.archive());
        } finally {
            System.clearProperty(Settings.REFRESH_TOKEN);
            System.clearProperty(Settings.ARCHIVE);
        }
    }
}
