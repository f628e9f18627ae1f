package dev.sluice.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Sluice's version, from a resource Maven fills in at build time, so {@code sluice version} and
 * {@code --version} tell the truth without a hand-edited constant.
 */
final class SluiceVersion implements IVersionProvider {

    static final String RESOURCE = "/dev/sluice/server/version.properties";

    /** The version, e.g. {@code 0.1.0}; {@code unknown} when run from classes Maven did not build. */
    static String version() {
        try (InputStream in = SluiceVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line shown by {@code sluice version}. */
    static String line() {
        return "sluice " + version() + " (Java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }
}
