package dev.fbx.cli;

import dev.fbx.FbxException;
import dev.fbx.dataset.Dataset;
import dev.fbx.origin.Connection;
import dev.fbx.output.AtomicFile;
import dev.fbx.report.HtmlReport;
import dev.fbx.report.ReportData;
import dev.fbx.sink.SyncDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "The range drawn as one self-contained HTML page (inline SVG, nothing fetched when it is opened):",
            "HRV and resting heart rate against their personal normal range, sleep, SpO2, breathing rate,",
            "skin temperature, and which hours and nights have data. Default range: the last 90 days.",
            "With --in DIR it reads a directory that 'fbx sync --out' wrote, without any request or token file.",
            "SOURCE_DATE_EPOCH (seconds) fixes the 'made' time, so the same data gives the same bytes."
        })
public class ReportCommand implements Callable<Integer> {
    static final int DEFAULT_DAYS = 90;
    private static final Logger LOG = Logger.getLogger(ReportCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    RangeOptions range;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.html",
            required = true,
            description = "The page to write (written whole or not at all).")
    Path output;

    @Option(
            names = "--in",
            paramLabel = "DIR",
            description = "Read the sync directory DIR instead of the provider: no request, no token file.")
    Path in;

    @Override
    public Integer call() {
        FbxCommand root = FbxCommand.of(spec);
        range.resolve(RangeOptions.todaySomewhere(root.clock()), DEFAULT_DAYS);
        ReportData data;
        HtmlReport.Header header;
        long started = System.nanoTime();
        if (in != null) {
            // No token file is read for a directory: "today" is the account's as the sync recorded its zone.
            SyncDirectory directory = syncDirectory(in);
            ZoneId zone = directory.zone().orElse(ZoneId.systemDefault());
            data = ReportData.read(
                    directory, range.resolve(LocalDate.now(root.clock().withZone(zone)), DEFAULT_DAYS));
            header = new HtmlReport.Header("not recorded in a sync directory", "sync directory " + in, madeAt());
        } else {
            try (Connection connection = root.connect()) {
                data = ReportData.read(connection.source().streams(), range.resolve(connection.today(), DEFAULT_DAYS));
                header = new HtmlReport.Header(connection.account().orElse("unknown"), connection.describe(), madeAt());
            }
        }
        long read = System.nanoTime();
        byte[] page = HtmlReport.render(data, header).getBytes(StandardCharsets.UTF_8);
        write(output, page);
        LOG.debugf(
                "report: read in %d ms, drawn and written in %d ms",
                (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
        root.note("fbx: wrote " + output + " (" + data.range() + ", " + (page.length + 1023) / 1024 + " KB)");
        return 0;
    }

    /** The sync directory {@code --in} names: a directory holding at least one dataset's folder. */
    private static SyncDirectory syncDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw FbxException.usage(
                    "--in " + dir + " is not a directory: give the directory that 'fbx sync --out' writes.");
        }
        SyncDirectory directory = new SyncDirectory(dir);
        if (Dataset.values().stream().noneMatch(directory::has)) {
            throw FbxException.usage("--in " + dir + " holds none of the folders 'fbx sync' writes ("
                    + String.join(", ", Dataset.ids()) + "): give the directory that 'fbx sync --out' writes.");
        }
        return directory;
    }

    /** Writes a page (or its CSV) whole or not at all; a failure is exit 74 and leaves the old file. */
    static void write(Path output, byte[] bytes) {
        try {
            AtomicFile.write(output, bytes, false);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException
                    ? "its directory does not exist"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw FbxException.io(
                    "Cannot write " + output + " (" + why + "): check the path, free space and permissions."
                            + " Nothing was written to it.",
                    e);
        }
    }

    /** Now, or the reproducible-builds convention's SOURCE_DATE_EPOCH, so that a page can be rebuilt byte for byte. */
    static Instant madeAt() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch == null || epoch.isBlank()) {
            return Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
        } catch (NumberFormatException e) {
            throw FbxException.usage("SOURCE_DATE_EPOCH '" + epoch
                    + "' is not a number of seconds since 1970-01-01: unset it or give one.");
        }
    }
}
