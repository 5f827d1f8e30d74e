package org.hearth.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code hearth --version}: the build's version (from the jar's Maven metadata) and the Java it runs on. */
public final class VersionInfo implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.hearth/hearth-gateway/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "hearth " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }

    /** The version of the running build; "development build" when run from classes, not the jar. */
    public static String version() {
        try (InputStream in = VersionInfo.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // Unreadable metadata only costs the version string; fall through to the label below.
        }
        return "development build";
    }
}
