package dev.fbx.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fbx.dataset.Dataset;
import dev.fbx.dataset.DateRange;
import dev.fbx.support.TakeoutArchive;
import dev.fbx.support.TakeoutExpected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dataset of every layout, in every container, value by value against what the generator
 * wrote: two months across the autumn DST change, with a day not worn, an empty file, samples
 * repeated and straddling midnight, null resting values, irregular names and header-only nights,
 * and in Takeout layouts both families of files with their disagreements and placeholders.
 */
class ArchiveSourceTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate FIRST = LocalDate.of(2024, 9, 20);
    private static final LocalDate LAST = LocalDate.of(2024, 11, 20);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    @TempDir
    Path dir;

    static Stream<Arguments> archives() {
        return Stream.of(
                Arguments.of(TakeoutArchive.Layout.TAKEOUT_FITBIT, "zip"),
                Arguments.of(TakeoutArchive.Layout.GOOGLE_HEALTH, "tgz"),
                Arguments.of(TakeoutArchive.Layout.ACCOUNT_ARCHIVE, "folder"),
                Arguments.of(TakeoutArchive.Layout.GOOGLE_HEALTH, "split"),
                Arguments.of(TakeoutArchive.Layout.ACCOUNT_ARCHIVE, "zip"));
    }

    private List<Path> write(TakeoutArchive archive, String container) throws Exception {
        return switch (container) {
            case "zip" -> List.of(archive.zip(dir.resolve("takeout.zip")));
            case "tgz" -> List.of(archive.tgz(dir.resolve("takeout.tgz")));
            case "folder" -> List.of(archive.folder(Files.createDirectories(dir.resolve("unpacked"))));
            default -> archive.split(dir, 3);
        };
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("archives")
    void everyDatasetMatchesTheFiles(TakeoutArchive.Layout layout, String container) throws Exception {
        TakeoutArchive generated = new TakeoutArchive(layout, NEW_YORK, "America/New_York", FIRST, LAST, 120, 7);
        TakeoutExpected expected = new TakeoutExpected(generated);
        try (ArchiveSource source = ArchiveSource.open(write(generated, container), null)) {
            DateRange all = new DateRange(FIRST, LAST);
            DateRange dst = new DateRange(LocalDate.of(2024, 11, 2), LocalDate.of(2024, 11, 4));
            assertEquals(FIRST, source.coverage().orElseThrow().start());
            assertEquals(LAST, source.coverage().orElseThrow().end());
            for (DateRange range : List.of(all, dst)) {
                LocalDate from = range.start();
                LocalDate to = range.end();
                assertEquals(expected.heartRateSamples(from, to), rows(source, Dataset.HR_1SEC, range));
                assertEquals(expected.heartRateWindows(from, to, 1), rows(source, Dataset.HR_1MIN, range));
                assertEquals(expected.heartRateWindows(from, to, 5), rows(source, Dataset.HR_5MIN, range));
                assertEquals(expected.heartRateWindows(from, to, 15), rows(source, Dataset.HR_15MIN, range));
                assertEquals(expected.heartRateDays(from, to), rows(source, Dataset.HR_DAY, range));
                assertEquals(expected.hrvDays(from, to), rows(source, Dataset.HRV_DAY, range));
                assertEquals(expected.hrvWindows(from, to), rows(source, Dataset.HRV_INTRADAY, range));
                assertEquals(expected.spo2(from, to), rows(source, Dataset.SPO2, range));
                assertEquals(expected.spo2Minutes(from, to), rows(source, Dataset.SPO2_MINUTE, range));
                assertEquals(expected.breathingRates(from, to), rows(source, Dataset.BR, range));
                assertEquals(expected.temperatures(from, to), rows(source, Dataset.TEMP, range));
                assertEquals(expected.sleeps(from, to), rows(source, Dataset.SLEEP, range));
            }
            assertEquals("7XYZ42", source.profile().userId());
            assertEquals("America/New_York", source.profile().timezone());
            assertEquals(generated.devices, source.profile().devices());
        }
    }

    @org.junit.jupiter.api.Test
    void withoutTheJsonFilesTheHeartRateComesFromThePerUtcDayCsvFamilyAlone() throws Exception {
        TakeoutArchive generated = new TakeoutArchive(
                TakeoutArchive.Layout.GOOGLE_HEALTH, NEW_YORK, "America/New_York", FIRST, FIRST.plusDays(20), 300, 9);
        generated.entries.keySet().removeIf(name -> name.contains("/heart_rate-"));
        TakeoutExpected expected = new TakeoutExpected(generated);
        try (ArchiveSource source = ArchiveSource.open(List.of(generated.zip(dir.resolve("csv-only.zip"))), null)) {
            DateRange range = new DateRange(FIRST, FIRST.plusDays(20));
            assertEquals(
                    expected.heartRateSamples(generated.csvSamples, range.start(), range.end()),
                    rows(source, Dataset.HR_1SEC, range));
        }
    }

    private static List<String> rows(ArchiveSource source, Dataset<?> dataset, DateRange range) {
        List<String> lines = new ArrayList<>();
        source.streams().read(dataset, range, row -> {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < dataset.columns().size(); i++) {
                Object value = dataset.value(row, i);
                fields.add(value instanceof OffsetDateTime t ? TIME.format(t) : TakeoutExpected.number(value));
            }
            lines.add(String.join(",", fields));
        });
        return lines;
    }
}
