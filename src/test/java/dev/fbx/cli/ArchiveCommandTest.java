package dev.fbx.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.TakeoutArchive;
import dev.fbx.support.TakeoutExpected;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --archive}: every command on a generated Takeout archive (17 days across New York's autumn
 * DST change), sync, split exports, broken archives, and an API sync continuing an archive's timeline.
 */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class ArchiveCommandTest extends FakeApiTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalDate FIRST = LocalDate.of(2024, 10, 25);
    static final LocalDate LAST = LocalDate.of(2024, 11, 10);

    TakeoutArchive archive;
    TakeoutExpected expected;
    Path zip;
    /** A token file that would fail any command that read it: an archive run must not. */
    Path tokens;

    @BeforeEach
    void files() {
        archive = new TakeoutArchive(
                TakeoutArchive.Layout.TAKEOUT_FITBIT, NEW_YORK, "America/New_York", FIRST, LAST, 120, 11);
        expected = new TakeoutExpected(archive);
        zip = archive.zip(dir.resolve("takeout-20241110T120000Z-001.zip"));
        tokens = TokenFiles.write(dir.resolve("fb_conf.json"), "not json at all");
    }

    private LaunchResult fbx(QuarkusMainLauncher launcher, String... args) {
        List<String> all = new ArrayList<>(List.of("--token-file", tokens.toString()));
        all.addAll(Arrays.asList(args));
        return launcher.launch(all.toArray(String[]::new));
    }

    private static String csv(String header, List<String> lines) {
        return lines.isEmpty() ? header : header + "\n" + String.join("\n", lines);
    }

    @Test
    void everyCommandPrintsTheArchiveWithLocalTimesAcrossTheDstChange(QuarkusMainLauncher launcher) {
        String[] range = {"--from", FIRST.toString(), "--to", LAST.toString()};
        String a = zip.toString();

        LaunchResult seconds = fbx(launcher, concat(new String[] {"--archive", a, "hr", "--detail", "1sec"}, range));
        assertEquals(0, seconds.exitCode(), seconds.getErrorOutput());
        assertEquals(csv("time,heart_rate", expected.heartRateSamples(FIRST, LAST)), seconds.getOutput());
        assertTrue(seconds.getOutput().contains("T01:")
                && seconds.getOutput().contains("-04:00")
                && seconds.getOutput().contains("-05:00"));
        assertTrue(seconds.getErrorOutput().contains("Google Takeout \"Fitbit\""), seconds.getErrorOutput());

        for (int minutes : new int[] {1, 5, 15}) {
            LaunchResult windows =
                    fbx(launcher, concat(new String[] {"--archive", a, "hr", "--detail", minutes + "min"}, range));
            assertEquals(0, windows.exitCode(), windows.getErrorOutput());
            assertEquals(csv("time,heart_rate", expected.heartRateWindows(FIRST, LAST, minutes)), windows.getOutput());
        }
        assertEquals(
                csv(
                        "date,resting_heart_rate,out_of_range_minutes,fat_burn_minutes,cardio_minutes,peak_minutes",
                        expected.heartRateDays(FIRST, LAST)),
                fbx(launcher, concat(new String[] {"--archive", a, "hr"}, range))
                        .getOutput());
        assertEquals(
                csv("date,daily_rmssd,deep_rmssd,nrem_heart_rate,entropy", expected.hrvDays(FIRST, LAST)),
                fbx(launcher, concat(new String[] {"--archive", a, "hrv"}, range))
                        .getOutput());
        assertEquals(
                csv("time,rmssd,coverage,hf,lf", expected.hrvWindows(FIRST, LAST)),
                fbx(launcher, concat(new String[] {"--archive", a, "hrv", "--detail", "intraday"}, range))
                        .getOutput());
        assertEquals(
                csv("date,avg,min,max", expected.spo2(FIRST, LAST)),
                fbx(launcher, concat(new String[] {"--archive", a, "spo2"}, range))
                        .getOutput());
        assertEquals(
                csv("date,breathing_rate", expected.breathingRates(FIRST, LAST)),
                fbx(launcher, concat(new String[] {"--archive", a, "br"}, range))
                        .getOutput());
        assertEquals(
                csv("date,nightly_relative", expected.temperatures(FIRST, LAST)),
                fbx(launcher, concat(new String[] {"--archive", a, "temp"}, range))
                        .getOutput());
        assertEquals(
                csv(
                        "date,start,end,main_sleep,minutes_asleep,minutes_awake,deep_minutes,light_minutes,rem_minutes,wake_minutes",
                        expected.sleeps(FIRST, LAST)),
                fbx(launcher, concat(new String[] {"--archive", a, "sleep"}, range))
                        .getOutput());

        LaunchResult profile = fbx(launcher, "--archive", a, "profile");
        assertEquals(0, profile.exitCode(), profile.getErrorOutput());
        assertEquals(
                "user_id: 7XYZ42\ndisplay_name: Jane\ntimezone: America/New_York\ndevices: "
                        + String.join("; ", archive.devices),
                profile.getOutput());
    }

    @Test
    void theNewestDayOnlyInGoogleDataIsThereAndNoPlaceholderIsAValue(QuarkusMainLauncher launcher) {
        String a = zip.toString();
        assertFalse(archive.entries.keySet().stream().anyMatch(n -> n.endsWith("heart_rate-" + LAST + ".json")));
        for (String[] command : List.of(
                new String[] {"hr", "--detail", "1sec"},
                new String[] {"hrv"},
                new String[] {"br"},
                new String[] {"spo2"},
                new String[] {"temp"})) {
            LaunchResult result = fbx(launcher, concat(new String[] {"--archive", a}, concat(command, new String[] {
                "--date", LAST.toString()
            })));
            assertEquals(0, result.exitCode(), result.getErrorOutput());
            assertTrue(result.getOutput().lines().count() > 1, String.join(" ", command) + ": " + result.getOutput());
            assertTrue(
                    result.getOutput().lines().skip(1).allMatch(l -> l.startsWith(LAST.toString())),
                    result.getOutput());
        }

        LaunchResult hrv = fbx(launcher, "--archive", a, "hrv", "--from", FIRST.toString(), "--to", LAST.toString());
        assertEquals(0, hrv.exitCode(), hrv.getErrorOutput());
        assertFalse(hrv.getOutput().contains(",0,") || hrv.getOutput().contains(",0.0,"), hrv.getOutput());
    }

    @Test
    void syncWritesTheCommandsRowsPerLocalDayWithoutRequestsAndLeavesTheLastDayOpen(QuarkusMainLauncher launcher)
            throws IOException {
        Path out = dir.resolve("backup");

        LaunchResult sync = fbx(
                launcher,
                "--archive",
                zip.toString(),
                "sync",
                "--out",
                out.toString(),
                "--types",
                "hr,hrv,spo2,br,temp,sleep",
                "--hr-detail",
                "1sec",
                "--hrv-detail",
                "intraday");

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertTrue(
                sync.getErrorOutput()
                        .contains(
                                "0 requests for 136 days (hr-day 0, hrv-day 0, spo2 0, br 0, temp 0, sleep 0, hrv-intraday 0, hr-1sec 0)\n"),
                sync.getErrorOutput());
        // Each day's file holds what the command prints for that day (an HRV window belongs to its night).
        Map<String, java.util.function.BiFunction<LocalDate, LocalDate, List<String>>> datasets = Map.of(
                "hr-1sec",
                expected::heartRateSamples,
                "hr-day",
                expected::heartRateDays,
                "hrv-day",
                expected::hrvDays,
                "hrv-intraday",
                expected::hrvWindows,
                "spo2",
                expected::spo2,
                "br",
                expected::breathingRates,
                "temp",
                expected::temperatures,
                "sleep",
                expected::sleeps);
        for (var dataset : datasets.entrySet()) {
            try (Stream<Path> files = Files.list(out.resolve(dataset.getKey()))) {
                assertEquals(17, files.count(), dataset.getKey());
            }
            for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
                List<String> lines =
                        Files.readAllLines(out.resolve(dataset.getKey()).resolve(day + ".csv"));
                assertEquals(
                        dataset.getValue().apply(day, day),
                        lines.subList(1, lines.size()),
                        dataset.getKey() + " " + day);
            }
        }
        String progress = Files.readString(out.resolve(".fbx-sync.json"));
        assertTrue(progress.contains("\"since\" : \"" + FIRST + "\""), progress);
        assertTrue(progress.contains("[ \"" + FIRST + "\", \"" + LAST.minusDays(1) + "\" ]"), progress);
        assertFalse(
                progress.contains(LAST.toString()),
                "the archive's last day may have been exported mid-day: " + progress);

        LaunchResult hrv =
                fbx(launcher, "--archive", zip.toString(), "hrv", "--from", FIRST.toString(), "--to", LAST.toString());
        assertEquals(hrv.getOutput(), concatenated(out.resolve("hrv-day")));
    }

    @Test
    void aSplitExportIsOneArchiveWhetherItsPartsAreGivenOneByOneOrAsTheirFolder(QuarkusMainLauncher launcher)
            throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        List<Path> zips = archive.split(parts, 3);
        String[] range = {"--from", FIRST.toString(), "--to", LAST.toString()};

        LaunchResult each = fbx(
                launcher,
                concat(
                        new String[] {
                            "--archive",
                            zips.get(0).toString(),
                            "--archive",
                            zips.get(1).toString(),
                            "--archive",
                            zips.get(2).toString(),
                            "hr",
                            "--detail",
                            "5min"
                        },
                        range));
        LaunchResult folder = fbx(launcher, concat(new String[] {"--archive", parts.toString(), "sleep"}, range));
        LaunchResult oneOfThree = fbx(
                launcher, concat(new String[] {"--archive", zips.get(0).toString(), "hr", "--detail", "5min"}, range));

        assertEquals(0, each.exitCode(), each.getErrorOutput());
        assertEquals(csv("time,heart_rate", expected.heartRateWindows(FIRST, LAST, 5)), each.getOutput());
        assertEquals(0, folder.exitCode(), folder.getErrorOutput());
        assertEquals(
                csv(
                        "date,start,end,main_sleep,minutes_asleep,minutes_awake,deep_minutes,light_minutes,rem_minutes,wake_minutes",
                        expected.sleeps(FIRST, LAST)),
                folder.getOutput());
        assertFalse(oneOfThree.getOutput().equals(each.getOutput()), "a third of the parts holds a third of the days");
    }

    @Test
    void anArchiveWithoutAZoneNeedsZone(QuarkusMainLauncher launcher) {
        TakeoutArchive noZone =
                new TakeoutArchive(TakeoutArchive.Layout.ACCOUNT_ARCHIVE, NEW_YORK, null, FIRST, LAST, 600, 3);
        Path file = noZone.zip(dir.resolve("MyFitbitData.zip"));

        LaunchResult without =
                fbx(launcher, "--archive", file.toString(), "hr", "--detail", "1sec", "--date", "2024-11-03");
        LaunchResult with = fbx(
                launcher,
                "--archive",
                file.toString(),
                "--zone",
                "America/New_York",
                "hr",
                "--detail",
                "1sec",
                "--date",
                "2024-11-03");

        assertEquals(64, without.exitCode());
        assertTrue(without.getErrorOutput().contains("--zone"), without.getErrorOutput());
        assertEquals(0, with.exitCode(), with.getErrorOutput());
        assertEquals(
                csv(
                        "time,heart_rate",
                        new TakeoutExpected(noZone)
                                .heartRateSamples(LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3))),
                with.getOutput());
    }

    @Test
    void brokenArchivesExit65NamingWhatIsBroken(QuarkusMainLauncher launcher) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "just some text");
        byte[] whole = Files.readAllBytes(zip);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(whole, whole.length / 2));
        String heartRate = archive.entryName("heart_rate-2024-11-03.json");
        Path badJson = archive.zipWith(
                dir.resolve("bad-json.zip"),
                heartRate,
                "[{\"dateTime\" : \"11/03/24 05:00:04\",\"value\" : {".getBytes(StandardCharsets.UTF_8));
        String summary = archive.entryName("Daily Heart Rate Variability Summary - 2024-11-02.csv");
        Path badCsv = archive.zipWith(
                dir.resolve("bad-csv.zip"),
                summary,
                "timestamp,rmssd,nremhr,entropy\n2024-11-02T00:00:00,lots,49.6,2.4\n".getBytes(StandardCharsets.UTF_8));
        TakeoutArchive elsewhere = new TakeoutArchive(
                TakeoutArchive.Layout.TAKEOUT_FITBIT, NEW_YORK, "America/New_York", FIRST, FIRST.plusDays(2), 600, 5);
        Map<String, byte[]> moved = new java.util.LinkedHashMap<>();
        elsewhere.entries.forEach((name, bytes) -> moved.put(name.replace("Takeout/Fitbit/", "Takeout/Stuff/"), bytes));
        elsewhere.entries.clear();
        elsewhere.entries.putAll(moved);
        Path unknownLayout = elsewhere.zip(dir.resolve("unknown.zip"));

        LaunchResult notAnArchive = fbx(launcher, "-q", "--archive", text.toString(), "hrv", "--date", "2024-11-02");
        LaunchResult cut = fbx(launcher, "-q", "--archive", truncated.toString(), "hrv", "--date", "2024-11-02");
        LaunchResult json =
                fbx(launcher, "-q", "--archive", badJson.toString(), "hr", "--detail", "1sec", "--date", "2024-11-03");
        LaunchResult csv = fbx(launcher, "-q", "--archive", badCsv.toString(), "hrv", "--date", "2024-11-02");
        LaunchResult layout = fbx(launcher, "-q", "--archive", unknownLayout.toString(), "hrv", "--date", "2024-11-02");

        for (LaunchResult result : List.of(notAnArchive, cut, json, csv, layout)) {
            assertEquals(65, result.exitCode(), result.getErrorOutput());
            assertEquals(1, result.getErrorOutput().lines().count(), result.getErrorOutput());
        }
        assertTrue(
                notAnArchive.getErrorOutput().contains("notes.zip is not an archive"), notAnArchive.getErrorOutput());
        assertTrue(
                cut.getErrorOutput().contains("truncated.zip is a damaged or truncated archive"), cut.getErrorOutput());
        assertTrue(json.getErrorOutput().contains("bad-json.zip!" + heartRate), json.getErrorOutput());
        assertTrue(
                csv.getErrorOutput().contains("bad-csv.zip!" + summary)
                        && csv.getErrorOutput().contains("'lots'"),
                csv.getErrorOutput());
        assertTrue(layout.getErrorOutput().contains("layout fbx does not know"), layout.getErrorOutput());
    }

    @Test
    void aSyncStoppedByABrokenEntryKeepsTheDaysBeforeItAsFinal(QuarkusMainLauncher launcher) throws IOException {
        String broken = archive.entryName("heart_rate-2024-11-05.json");
        Path bad =
                archive.zipWith(dir.resolve("bad.zip"), broken, "[{\"dateTime\" : ".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("backup");

        LaunchResult sync =
                fbx(launcher, "--archive", bad.toString(), "sync", "--out", out.toString(), "--types", "hr-1min,hrv");

        assertEquals(65, sync.exitCode(), sync.getErrorOutput());
        assertTrue(sync.getErrorOutput().contains(broken), sync.getErrorOutput());
        Map<LocalDate, List<String>> minutes = TakeoutExpected.byDay(expected.heartRateWindows(FIRST, LAST, 1));
        try (Stream<Path> files = Files.list(out.resolve("hr-1min"))) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals("2024-10-25.csv", names.get(0));
            assertTrue(names.stream().allMatch(n -> n.endsWith(".csv")), "no temporary file left: " + names);
            for (String name : names) {
                List<String> lines = Files.readAllLines(out.resolve("hr-1min").resolve(name));
                assertEquals(
                        minutes.getOrDefault(LocalDate.parse(name.substring(0, 10)), List.of()),
                        lines.subList(1, lines.size()),
                        name);
            }
        }
        try (Stream<Path> files = Files.list(out.resolve("hrv-day"))) {
            assertEquals(17, files.count(), "the other datasets still get their days");
        }
        // Read a week at a time, the week holding the broken entry is lost with it; the weeks before are final.
        String progress = Files.readString(out.resolve(".fbx-sync.json"));
        assertTrue(progress.contains("\"hr-1min\" : [ [ \"2024-10-25\", \"2024-10-31\" ] ]"), progress);
    }

    @Test
    void anApiSyncAfterAnArchiveSyncContinuesWhereTheArchiveEnds(QuarkusMainLauncher launcher) {
        Path out = dir.resolve("backup");
        LaunchResult fromArchive =
                fbx(launcher, "--archive", zip.toString(), "sync", "--out", out.toString(), "--types", "hrv");
        assertEquals(0, fromArchive.exitCode(), fromArchive.getErrorOutput());
        assertEquals(0, api.getAllServeEvents().size(), "an archive sync makes no request");

        api.stubFor(get(urlPathMatching("/1/user/-/hrv/date/.*")).willReturn(okJson("{\"hrv\":[]}")));
        Path valid = TokenFiles.valid(dir, "America/New_York");
        LaunchResult fromApi =
                launcher.launch("--token-file", valid.toString(), "sync", "--out", out.toString(), "--types", "hrv");

        assertEquals(0, fromApi.exitCode(), fromApi.getErrorOutput());
        List<String> asked = api.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(r -> r.getUrl())
                .sorted()
                .toList();
        assertEquals(
                "/1/user/-/hrv/date/" + LAST + "/" + LAST.plusDays(29) + ".json",
                asked.get(0),
                "the API starts at the archive's last day, which was not final, and asks for nothing before it");
    }

    private static String concatenated(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                if (all.isEmpty()) {
                    all.append(lines.get(0));
                }
                lines.subList(1, lines.size()).forEach(l -> all.append('\n').append(l));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A nightly SpO2 file of either family. */
    private static boolean nightlySpo2(String entry) {
        return entry.contains("Oxygen Saturation (SpO2)/Daily SpO2") || entry.endsWith("/daily_oxygen_saturation.csv");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void doctorReadsTheWholeArchiveAndNamesWhatItCannotRead(QuarkusMainLauncher launcher) throws IOException {
        archive.entries.keySet().removeIf(ArchiveCommandTest::nightlySpo2);
        String night = archive.entryName("Heart Rate Variability Details - " + FIRST.plusDays(3) + ".csv");
        Path broken = archive.zipWith(
                dir.resolve("broken.zip"),
                night,
                "timestamp,rmssd\n\"2024-10-28T01:00:00,12\n".getBytes(StandardCharsets.UTF_8));

        LaunchResult sound = fbx(launcher, "--archive", zip.toString(), "doctor");
        LaunchResult result = fbx(launcher, "--archive", broken.toString(), "doctor");

        assertEquals(0, sound.exitCode(), sound.getOutput() + sound.getErrorOutput());
        assertTrue(sound.getOutput().contains("✓ time zone: America/New_York (from "), sound.getOutput());
        assertTrue(sound.getOutput().contains("✓ hr-1sec: " + FIRST + " to " + LAST + ", "), sound.getOutput());
        assertEquals(65, result.exitCode(), result.getOutput() + result.getErrorOutput());
        assertTrue(result.getOutput().contains("✓ archive: Google Takeout \"Fitbit\", "), result.getOutput());
        assertTrue(
                result.getOutput()
                        .contains("✗ hrv-intraday: The archive entry " + broken + "!" + night
                                + " has an unclosed quote on line 2"),
                result.getOutput());
        assertTrue(
                result.getOutput().contains("! spo2: none: the archive holds no nightly SpO2 files ("),
                result.getOutput());
        assertTrue(
                result.getOutput().contains("✓ hrv-day: "),
                "the other datasets are still checked: " + result.getOutput());
    }

    @Test
    void syncSkipsWithANoteWhatTheArchiveDoesNotHold(QuarkusMainLauncher launcher) {
        archive.entries.keySet().removeIf(ArchiveCommandTest::nightlySpo2);
        Path withoutSpo2 = archive.zip(dir.resolve("no-spo2.zip"));
        Path out = dir.resolve("out");

        LaunchResult sync = fbx(
                launcher, "--archive", withoutSpo2.toString(), "sync", "--out", out.toString(), "--types", "spo2,hrv");
        LaunchResult spo2 = fbx(
                launcher,
                "--archive",
                withoutSpo2.toString(),
                "spo2",
                "--date",
                FIRST.plusDays(3).toString());

        assertEquals(0, sync.exitCode(), sync.getErrorOutput());
        assertTrue(
                sync.getErrorOutput().contains("spo2 skipped: the archive holds no nightly SpO2 files ("),
                sync.getErrorOutput());
        assertFalse(Files.exists(out.resolve("spo2")));
        assertTrue(Files.isDirectory(out.resolve("hrv-day")));
        assertEquals(69, spo2.exitCode());
        assertTrue(
                spo2.getErrorOutput()
                        .contains("This source does not serve spo2: the archive holds no nightly SpO2 files ("),
                spo2.getErrorOutput());
    }
}
