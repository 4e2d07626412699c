package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.support.ApiFake;
import dev.fbx.support.FakeApiTest;
import dev.fbx.support.GoogleDays;
import dev.fbx.support.SyncFiles;
import dev.fbx.support.TakeoutArchive;
import dev.fbx.support.TokenFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cohort sync --out}: a roster of a Google participant, an archive participant and one whose
 * sign-in Google revoked; each done participant's folder holds exactly what their own 'fbx sync'
 * writes, and the revoked one is named with what to do.
 */
@QuarkusMainTest
@WithTestResource(ApiFake.class)
class CohortSyncTest extends FakeApiTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** fbx's today is the account's: the token files' cached zone, and the archive's. */
    final LocalDate today = LocalDate.now(BERLIN);

    final String[] synced = {"--since", today.minusDays(6).toString(), "--types", "hr,hrv,sleep", "--hr-detail", "1sec"
    };

    Path study;
    Path roster;
    Path zip;

    @BeforeEach
    void study() throws IOException {
        study = Files.createDirectories(dir.resolve("study"));
        Files.createDirectories(study.resolve("tokens"));
        googleTokens("api", "ya29.API-ACCESS", "1//API-REFRESH", 3600);
        googleTokens("gone", "ya29.GONE-ACCESS", "1//GONE-REFRESH", -3600);
        zip = new TakeoutArchive(
                        TakeoutArchive.Layout.TAKEOUT_FITBIT,
                        BERLIN,
                        "Europe/Berlin",
                        today.minusDays(20),
                        today.minusDays(3),
                        900,
                        5)
                .zip(study.resolve("takeout.zip"));
        roster = Files.writeString(
                study.resolve("roster.csv"),
                "participant,token_file,archive\napi,tokens/api.json,\ntakeout,,takeout.zip\ngone,tokens/gone.json,\n");
    }

    Path googleTokens(String name, String access, String refresh, long expiresIn) {
        return TokenFiles.google(study.resolve("tokens").resolve(name + ".json"), access, refresh, expiresIn);
    }

    /** Google Health with data on every day, and a token endpoint that refuses the revoked participant's refresh token. */
    void stubGoogle() {
        GoogleDays.stub(api, "GONE-REFRESH");
    }

    LaunchResult fbx(QuarkusMainLauncher launcher, String... args) {
        return launcher.launch(args);
    }

    String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    @Test
    void eachParticipantGetsWhatTheirOwnSyncWritesAndTheRevokedOneIsNamed(QuarkusMainLauncher launcher) {
        stubGoogle();
        Path out = dir.resolve("cohort");

        LaunchResult cohort = fbx(
                launcher,
                with(new String[] {"cohort", "sync", "--roster", roster.toString(), "--out", out.toString()}, synced));

        assertEquals(77, cohort.exitCode(), cohort.getErrorOutput());
        String err = cohort.getErrorOutput();
        assertTrue(err.contains("fbx: gone not done (exit 77): Google rejected the refresh token"), err);
        assertTrue(
                err.contains("(for gone: fbx auth login --token-file " + study.resolve("tokens/gone.json") + ")"), err);
        assertTrue(err.contains("2 of 3 participants done; 1 not"), err);
        assertFalse(err.contains("api not done") || err.contains("takeout not done"), err);
        for (String secret : List.of("API-ACCESS", "API-REFRESH", "GONE-ACCESS", "GONE-REFRESH", "GOCSPX")) {
            assertFalse(err.contains(secret) || cohort.getOutput().contains(secret), secret + " in: " + err);
        }

        Path ownApi = dir.resolve("own-api");
        Path ownArchive = dir.resolve("own-takeout");
        LaunchResult apiSync = fbx(
                launcher,
                with(
                        new String[] {
                            "--token-file",
                            study.resolve("tokens/api.json").toString(),
                            "sync",
                            "--out",
                            ownApi.toString()
                        },
                        synced));
        assertEquals(0, apiSync.exitCode(), apiSync.getErrorOutput());
        LaunchResult archiveSync = fbx(
                launcher,
                with(new String[] {"--archive", zip.toString(), "sync", "--out", ownArchive.toString()}, synced));
        assertEquals(0, archiveSync.exitCode(), archiveSync.getErrorOutput());

        Map<String, String> api = SyncFiles.of(out.resolve("api"));
        assertTrue(
                api.containsKey("hr-1sec/" + today.minusDays(2) + ".csv"),
                api.keySet().toString());
        assertEquals(SyncFiles.of(ownApi), api);
        Map<String, String> archive = SyncFiles.of(out.resolve("takeout"));
        assertTrue(
                archive.containsKey("hrv-day/" + today.minusDays(4) + ".csv"),
                archive.keySet().toString());
        assertEquals(SyncFiles.of(ownArchive), archive);
        assertEquals(Map.of(), SyncFiles.of(out.resolve("gone")), "nothing of the revoked participant");

        // Once they are done, a Job's shard with only a revoked participant left is no failure.
        LaunchResult tolerant = fbx(
                launcher,
                with(
                        new String[] {
                            "cohort",
                            "sync",
                            "--roster",
                            roster.toString(),
                            "--out",
                            out.toString(),
                            "--tolerate-participant-failures"
                        },
                        synced));
        assertEquals(0, tolerant.exitCode(), tolerant.getErrorOutput());
        assertTrue(tolerant.getErrorOutput().contains("fbx: gone not done (exit 77)"), tolerant.getErrorOutput());
    }

    @Test
    void aMalformedRosterStopsTheRunBeforeAnythingIsFetched(QuarkusMainLauncher launcher) throws IOException {
        Files.writeString(roster, "participant,token_file,archive\napi,tokens/api.json,\napi,tokens/gone.json,\n");
        Path out = dir.resolve("cohort");

        LaunchResult result = fbx(
                launcher,
                with(new String[] {"cohort", "sync", "--roster", roster.toString(), "--out", out.toString()}, synced));

        assertEquals(65, result.exitCode());
        assertTrue(
                result.getErrorOutput()
                        .contains("roster.csv line 3 is not right: participant api is on line 2 already"),
                result.getErrorOutput());
        assertEquals(0, api.getAllServeEvents().size());
        assertFalse(Files.exists(out));

        LaunchResult parallel = fbx(
                launcher,
                with(
                        new String[] {
                            "cohort", "sync", "--roster", roster.toString(), "--out", out.toString(), "--parallel", "0"
                        },
                        synced));
        assertEquals(64, parallel.exitCode(), parallel.getErrorOutput());
    }

    @Test
    void demoParticipantsAreDifferentPeopleAndTwoShardsWriteWhatOneRunWrites(QuarkusMainLauncher launcher)
            throws IOException {
        StringBuilder people = new StringBuilder("participant,token_file,archive\n");
        for (int i = 1; i <= 5; i++) {
            people.append("s").append(i).append(",,\n");
        }
        Path demo = Files.writeString(study.resolve("demo.csv"), people);
        String[] range = {"--since", today.minusDays(4).toString(), "--types", "hrv,sleep", "--parallel", "2"};
        Path whole = dir.resolve("whole");
        Path sharded = dir.resolve("sharded");

        LaunchResult one = fbx(
                launcher,
                with(
                        new String[] {"--demo", "cohort", "sync", "--roster", demo.toString(), "--out", whole.toString()
                        },
                        range));
        assertEquals(0, one.exitCode(), one.getErrorOutput());
        assertTrue(one.getErrorOutput().contains("5 of 5 participants done"), one.getErrorOutput());
        for (String shard : List.of("0/2", "1/2")) {
            LaunchResult part = fbx(
                    launcher,
                    with(
                            new String[] {
                                "--demo",
                                "cohort",
                                "sync",
                                "--roster",
                                demo.toString(),
                                "--out",
                                sharded.toString(),
                                "--shard",
                                shard
                            },
                            range));
            assertEquals(0, part.exitCode(), part.getErrorOutput());
            assertTrue(part.getErrorOutput().contains("of the roster's 5 participants (shard " + shard + ")"));
        }

        Map<String, String> all = SyncFiles.of(whole);
        assertEquals(all, SyncFiles.of(sharded));
        assertEquals(5, Files.list(whole).count());
        assertNotEquals(SyncFiles.of(whole.resolve("s1")), SyncFiles.of(whole.resolve("s2")), "two people");
        assertFalse(SyncFiles.of(whole.resolve("s1")).isEmpty());
    }
}
