package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.dataset.Dataset;
import dev.fbx.support.TakeoutArchive;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command on every origin: each data command and detail, {@code profile}, {@code report},
 * {@code sync --out} and {@code doctor} on the demo in Google's and Fitbit's shapes and on an
 * archive exit 0 with output of the right shape; the commands that work on an account's token file
 * refuse the archive and the demo with exit 64 and one line.
 */
@QuarkusMainTest
class OriginsTest {
    private static final LocalDate FIRST = LocalDate.of(2024, 10, 25);
    private static final LocalDate LAST = LocalDate.of(2024, 11, 4);
    private static final String[] RANGE = {"--from", "2024-10-28", "--to", "2024-10-30"};

    @TempDir
    static Path shared;

    static Path archive;

    @TempDir
    Path dir;

    @BeforeAll
    static void archive() {
        TakeoutArchive generated = new TakeoutArchive(
                TakeoutArchive.Layout.TAKEOUT_FITBIT, ZoneId.of("Europe/Berlin"), "Europe/Berlin", FIRST, LAST, 600, 3);
        archive = generated.zip(shared.resolve("takeout.zip"));
    }

    /** The global options that choose each origin. */
    static Stream<String> origins() {
        return Stream.of("google demo", "fitbit demo", "archive");
    }

    private static List<String> origin(String origin) {
        return switch (origin) {
            case "google demo" -> List.of("--demo");
            case "fitbit demo" -> List.of("--demo", "--provider", "fitbit");
            default -> List.of("--archive", archive.toString());
        };
    }

    private static LaunchResult launch(QuarkusMainLauncher launcher, String origin, String... args) {
        List<String> all = new ArrayList<>(origin(origin));
        all.add("-q");
        all.addAll(List.of(args));
        return launcher.launch(all.toArray(String[]::new));
    }

    static Stream<Arguments> dataCommands() {
        return origins()
                .flatMap(origin -> Dataset.values().stream().map(dataset -> Arguments.of(origin, dataset.id())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dataCommands")
    void everyDataCommandAndDetailPrintsItsColumns(String origin, String id, QuarkusMainLauncher launcher) {
        Dataset<?> dataset = Dataset.byId(id);
        List<String> args = new ArrayList<>(List.of(dataset.type(), "--detail", dataset.detail()));
        args.addAll(List.of(RANGE));
        if (dataset.detail().equals("day") && Dataset.ofType(dataset.type()).size() == 1) {
            args.subList(1, 3).clear();
        }

        LaunchResult result = launch(launcher, origin, args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), origin + " " + args + ": " + result.getErrorOutput());
        List<String> lines = result.getOutput().lines().toList();
        assertEquals(dataset.columnsLine(), lines.get(0), origin + " " + args);
        assertTrue(lines.size() > 1, origin + " " + args + " gives rows: " + lines);
        for (String line : lines) {
            assertEquals(dataset.columns().size(), line.split(",", -1).length, origin + " " + args + ": " + line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void profileNamesTheAccountItsZoneAndDevices(String origin, QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, origin, "profile");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        List<String> lines = result.getOutput().lines().toList();
        assertEquals(
                List.of("user_id", "display_name", "timezone", "devices"),
                lines.stream().map(line -> line.substring(0, line.indexOf(':'))).toList());
        assertTrue(lines.get(0).length() > "user_id: ".length(), result.getOutput());
        assertEquals("timezone: Europe/Berlin", lines.get(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void reportDrawsThePage(String origin, QuarkusMainLauncher launcher) throws IOException {
        Path page = dir.resolve("r.html");
        List<String> args = new ArrayList<>(List.of("report", "-o", page.toString()));
        args.addAll(List.of(RANGE));

        LaunchResult result = launch(launcher, origin, args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String html = Files.readString(page);
        assertTrue(
                html.startsWith("<!DOCTYPE html>")
                        && html.contains("<svg")
                        && html.trim().endsWith("</html>"),
                html);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void syncWritesEveryTypeIntoTheDirectory(String origin, QuarkusMainLauncher launcher) throws IOException {
        Path out = dir.resolve("out");
        List<String> args =
                new ArrayList<>(List.of("sync", "--out", out.toString(), "--types", "hr,hrv,spo2,br,temp,sleep"));
        if (!origin.equals("archive")) {
            args.addAll(List.of("--since", "yesterday"));
        }

        LaunchResult result = launch(launcher, origin, args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(Files.exists(out.resolve(".fbx-sync.json")));
        for (String id : List.of("hr-day", "hrv-day", "spo2", "br", "temp", "sleep")) {
            try (Stream<Path> files = Files.list(out.resolve(id))) {
                List<Path> days = files.toList();
                assertTrue(!days.isEmpty(), origin + ": " + id);
                assertEquals(
                        Dataset.byId(id).columnsLine(),
                        Files.readAllLines(days.get(0)).get(0));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("origins")
    void doctorFindsNothingWrong(String origin, QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, origin, "doctor");

        assertEquals(0, result.exitCode(), result.getOutput() + result.getErrorOutput());
        List<String> lines = result.getOutput().lines().toList();
        assertTrue(lines.size() >= 2, result.getOutput());
        assertTrue(lines.stream().allMatch(line -> line.startsWith("✓ ") || line.startsWith("! ")), result.getOutput());
    }

    static Stream<Arguments> refused() {
        return Stream.of("google demo", "archive")
                .flatMap(origin -> Stream.of("login", "status", "refresh", "logout")
                        .map(command -> Arguments.of(origin, command)));
    }

    @ParameterizedTest(name = "{0}: auth {1}")
    @MethodSource("refused")
    void theTokenFilesCommandsRefuseTheArchiveAndTheDemo(String origin, String command, QuarkusMainLauncher launcher) {
        Path tokens = dir.resolve("fb_conf.json");

        LaunchResult result = launch(launcher, origin, "--token-file", tokens.toString(), "auth", command);

        assertEquals(64, result.exitCode(), result.getErrorOutput());
        assertEquals(1, result.getErrorOutput().lines().count(), result.getErrorOutput());
        assertTrue(
                result.getErrorOutput()
                        .startsWith("fbx: 'fbx auth " + command + "' works on an account's token file, not on "),
                result.getErrorOutput());
        assertTrue(Files.notExists(tokens), "no token file was written");
    }
}
