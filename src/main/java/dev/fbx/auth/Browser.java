package dev.fbx.auth;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Opens a URL in the user's browser where the machine has one, quietly. java.awt.Desktop is absent
 * from the native binary and from headless machines, so this asks the desktop's own opener; when
 * there is no desktop (a server reached over SSH) nothing happens, and the printed URL is the way in.
 */
public final class Browser {
    private Browser() {}

    public static void open(URI url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command;
        if (os.contains("mac")) {
            command = List.of("open", url.toString());
        } else if (os.contains("win")) {
            command = List.of("rundll32", "url.dll,FileProtocolHandler", url.toString());
        } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
            command = List.of("xdg-open", url.toString());
        } else {
            // Without a desktop, xdg-open falls back to a text browser (w3m, lynx) that would take over this terminal.
            return;
        }
        try {
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            // No opener here: the URL on stderr is enough.
        }
    }
}
