package dev.fbx.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fbx.support.FbxProcess;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fbx's report in a real browser: headless Chromium (Debian's {@code chromium},
 * which .ci/run installs) opens the page, draws it, logs no console message, and asks no server
 * for anything. Without Chromium the test skips itself, except in CI ({@code CI} set), where it fails.
 */
class ReportBrowserIT {
    /** 2023-11-14T22:13:20Z. */
    private static final Map<String, String> FIXED_TIME = Map.of("SOURCE_DATE_EPOCH", "1700000000");

    private static final String[] RANGE = {"--from", "2024-05-01", "--to", "2024-06-29"};

    @TempDir
    Path dir;

    @Test
    void theSameDataGivesTheSameBytes() throws Exception {
        assertEquals(0, report("first.html"), FbxProcess.output(dir, "first.html", "err"));
        assertEquals(0, report("second.html"), FbxProcess.output(dir, "second.html", "err"));

        byte[] first = Files.readAllBytes(dir.resolve("first.html"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("second.html")));
        assertTrue(
                new String(first, StandardCharsets.UTF_8).contains("<dd>2023-11-14 22:13 UTC by fbx</dd>"),
                "SOURCE_DATE_EPOCH is the time made");
    }

    @Test
    void chromiumDrawsTheDemoReportWithoutConsoleMessagesOrRequests() throws Exception {
        String chromium = chromium();
        assertEquals(0, report("report.html"), FbxProcess.output(dir, "report.html", "err"));
        Path page = dir.resolve("report.html");
        Path shot = dir.resolve("shot.png");

        String dom = open(chromium, page, shot, "1200,2400");
        assertTrue(
                dom.contains("id=\"hrv-chart\"") && dom.contains("id=\"coverage-chart\""),
                "the browser parsed the charts: " + dom);

        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1200, image.getWidth());
        long ink = 0;
        long blue = 0;
        long orange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                ink += rgb != 0xffffff ? 1 : 0;
                blue += near(rgb, 0x0072B2) ? 1 : 0;
                orange += near(rgb, 0xE69F00) ? 1 : 0;
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(ink > pixels / 10, "the page is drawn: " + ink + " of " + pixels + " pixels are not white");
        assertTrue(blue > 10_000, "the blue of values and hours worn is there: " + blue);
        assertTrue(orange > 1_000, "the orange of awake minutes and nights with HRV is there: " + orange);
    }

    @Test
    void chromiumDrawsACohortsCompliancePageWithoutConsoleMessagesOrRequests() throws Exception {
        String chromium = chromium();
        Files.writeString(dir.resolve("roster.csv"), "participant,token_file,archive\nanna,,\nben,,\ncleo,,\n");
        String since =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(10).toString();
        assertEquals(
                0,
                FbxProcess.run(
                        dir,
                        FIXED_TIME,
                        "cohort",
                        "--demo",
                        "-q",
                        "cohort",
                        "sync",
                        "--roster",
                        "roster.csv",
                        "--out",
                        "cohort",
                        "--since",
                        since,
                        "--types",
                        "hr,hrv,sleep",
                        "--hr-detail",
                        "15min"),
                FbxProcess.output(dir, "cohort", "err"));
        assertEquals(
                0,
                FbxProcess.run(
                        dir,
                        FIXED_TIME,
                        "compliance",
                        "-q",
                        "cohort",
                        "report",
                        "--roster",
                        "roster.csv",
                        "--in",
                        "cohort",
                        "--days",
                        "10",
                        "-o",
                        "compliance.html"),
                FbxProcess.output(dir, "compliance", "err"));
        Path page = dir.resolve("compliance.html");

        String dom = open(chromium, page, dir.resolve("compliance.png"), "1200,1200");
        assertTrue(dom.contains("id=\"compliance-chart\"") && dom.contains("<td>cleo</td>"), dom);
        BufferedImage image = ImageIO.read(dir.resolve("compliance.png").toFile());
        long blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                blue += near(image.getRGB(x, y) & 0xffffff, 0x0072B2) ? 1 : 0;
            }
        }
        assertTrue(blue > 5_000, "the days worn are drawn: " + blue);
    }

    /**
     * Opens {@code page} in Chromium twice, for a screenshot and for its DOM, behind a proxy on
     * loopback that records every request; fails on a console message or a request of the page's
     * own, and returns the DOM.
     */
    private String open(String chromium, Path page, Path shot, String windowSize) throws Exception {
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        String dom;
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread listener = new Thread(() -> record(proxy, requests));
            listener.setDaemon(true);
            listener.start();
            String err = browse(
                    chromium,
                    proxy.getLocalPort(),
                    "--screenshot=" + shot,
                    "--window-size=" + windowSize,
                    page.toUri().toString());
            dom = browse(
                    chromium, proxy.getLocalPort(), "--dump-dom", page.toUri().toString());
            assertEquals(
                    List.of(),
                    err.lines()
                            .filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught"))
                            .toList(),
                    "console messages");
        }
        assertEquals(List.of(), requests.stream().filter(r -> !chromiumsOwn(r)).toList(), "requests the page made");
        return dom;
    }

    private int report(String name) throws Exception {
        List<String> args = new ArrayList<>(List.of("--demo", "-q", "report", "-o", name));
        args.addAll(List.of(RANGE));
        return FbxProcess.run(dir, FIXED_TIME, name, args.toArray(String[]::new));
    }

    /** Chromium's own background calls (component updates, its clock, sign-in), which any page opened in it triggers. */
    private static boolean chromiumsOwn(String request) {
        return Stream.of("google.com", "googleapis.com", "gvt1.com")
                .anyMatch(host -> request.matches("\\S+ (https?://)?[^/\\s]*" + host.replace(".", "\\.") + "[:/ ].*"));
    }

    private static boolean near(int rgb, int colour) {
        return Math.abs((rgb >> 16) - (colour >> 16)) < 12
                && Math.abs((rgb >> 8 & 0xff) - (colour >> 8 & 0xff)) < 12
                && Math.abs((rgb & 0xff) - (colour & 0xff)) < 12;
    }

    /** Runs headless Chromium with every request sent to {@code proxyPort} on loopback, so nothing leaves the machine; returns its stderr, or its stdout for --dump-dom. */
    private String browse(String chromium, int proxyPort, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + dir.resolve("profile"),
                "--proxy-server=http://127.0.0.1:" + proxyPort,
                "--proxy-bypass-list=<-loopback>"));
        command.addAll(List.of(args));
        File out = dir.resolve("chromium.out").toFile();
        File err = dir.resolve("chromium.err").toFile();
        Process process = new ProcessBuilder(command)
                .redirectOutput(out)
                .redirectError(err)
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("chromium did not finish in two minutes: " + Files.readString(err.toPath()));
        }
        assertEquals(0, process.exitValue(), Files.readString(err.toPath()));
        return Files.readString((args[0].equals("--dump-dom") ? out : err).toPath());
    }

    private static void record(ServerSocket proxy, List<String> requests) {
        while (!proxy.isClosed()) {
            try (Socket client = proxy.accept()) {
                client.setSoTimeout(2000);
                String line = new BufferedReader(
                                new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1))
                        .readLine();
                requests.add(String.valueOf(line));
            } catch (IOException e) {
                // closed at the end of the test, or a client that sent nothing
            }
        }
    }

    /** Chromium on the PATH; without it the test skips itself, but fails in CI, which must have it. */
    private static String chromium() {
        Optional<String> found = Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(System.getenv("PATH").split(File.pathSeparator))
                        .map(p -> Path.of(p, name)))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
        if (found.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail(
                        "CI is set but no chromium is on the PATH: .ci/run installs Debian's chromium package before the tests.");
            }
            Assumptions.assumeTrue(false, "no chromium on the PATH (apt-get install chromium); skipped outside CI");
        }
        return found.get();
    }
}
