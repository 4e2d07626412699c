package dev.fbx.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code fbx --version}: the version, and whether this is the native binary or the JVM build. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        boolean nativeImage = System.getProperty("org.graalvm.nativeimage.imagecode") != null;
        return new String[] {
            "fbx " + (version == null ? "(development build)" : version),
            (nativeImage ? "native binary" : "JVM " + System.getProperty("java.version")),
            "default provider: fitbit (https://api.fitbit.com); google: https://health.googleapis.com"
        };
    }
}
