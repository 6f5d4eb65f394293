package dev.mailwright.cli;

import picocli.CommandLine;

/** Prints the Mailwright and Java versions. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"mailwright " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
