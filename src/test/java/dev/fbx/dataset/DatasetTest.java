package dev.fbx.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.FbxException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void typesMeanTheirDailyDatasetAndTheDetailsAddIntraday() {
        assertEquals(List.of("hr-day", "hrv-day"), names(List.of("hr", "hrv"), "day", "day"));
        assertEquals(
                List.of("hr-day", "hrv-day", "hrv-intraday", "hr-1min"),
                names(List.of("hr", "hrv"), "1min", "intraday"));
        assertEquals(
                List.of("hr-day", "spo2", "hr-5min", "hr-1min"),
                names(List.of("hr-1min", " HR ", "spo2", "hr-5min"), "5min", "day"));
        assertEquals(List.of("hrv-intraday"), names(List.of("hrv-intraday"), "day", "day"));
    }

    @Test
    void whatCannotBeMetIsAUsageError() {
        assertUsage("'steps' is neither a type", List.of("hr", "steps"), "day", "day");
        assertUsage("names no dataset", List.of(" "), "day", "day");
        assertUsage("--types hr-1min", List.of("hrv"), "1min", "day");
        assertUsage("--types hrv-intraday", List.of("hr"), "day", "intraday");
    }

    private static List<String> names(List<String> types, String hrDetail, String hrvDetail) {
        return Dataset.select(types, hrDetail, hrvDetail).stream()
                .map(Dataset::id)
                .toList();
    }

    private static void assertUsage(String expected, List<String> types, String hrDetail, String hrvDetail) {
        FbxException e = assertThrows(FbxException.class, () -> Dataset.select(types, hrDetail, hrvDetail));
        assertEquals(FbxException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
