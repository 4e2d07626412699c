package dev.fbx.cli;

import dev.fbx.api.Endpoint;
import dev.fbx.config.Settings;
import dev.fbx.origin.Provider;
import io.quarkus.runtime.ImageMode;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code fbx --version}: the version, whether this is the native binary or the JVM build, and the
 * provider defaults in force (packaged, or overridden by FBX_* variables and config/application.properties).
 * It never reads the token file, so it works (and helps) where that file is missing or broken.
 */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Config config = ConfigProvider.getConfig();
        String version = config.getOptionalValue("quarkus.application.version", String.class)
                .orElse("(development build)");
        String runtime = ImageMode.current() == ImageMode.NATIVE_RUN
                ? "native binary (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"
                : "JVM " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
        String provider = config.getOptionalValue(Settings.PROVIDER, String.class)
                .map(p -> p + " (from FBX_PROVIDER or config/application.properties)")
                .orElse("the token file's, else fitbit");
        List<String> lines = new ArrayList<>(List.of("fbx " + version + ", " + runtime, "provider: " + provider));
        for (Provider api : Provider.values()) {
            Provider.Url url = api.urls().get(Endpoint.API);
            lines.add(api.id() + ": "
                    + config.getOptionalValue(url.property(), String.class).orElse(url.fallback()));
        }
        return lines.toArray(String[]::new);
    }
}
