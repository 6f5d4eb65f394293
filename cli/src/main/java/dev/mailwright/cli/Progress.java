package dev.mailwright.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress of long work (a bulk {@code inbound run}, {@code diagnostics --bundle}, {@code dns check}
 * with port probes) on standard error, only when standard error is a terminal: a script that
 * reads the output or a log file never sees it. Each step overwrites the previous one on the same
 * line; {@link #done()} clears it.
 */
final class Progress {
    private static final Progress OFF = new Progress(null);

    private final PrintWriter err;
    private int width;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    /** @return progress for this command: shown when standard error is a terminal (or the tests force it) */
    static Progress of(CommandSpec spec) {
        Object root = spec.root().userObject();
        boolean show = root instanceof Main main ? main.progressOnStderr() : stderrIsTerminal();
        return show ? new Progress(spec.commandLine().getErr()) : OFF;
    }

    /** @return true when file descriptor 2 is a terminal (Linux: it links to a tty or pts device) */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** @param what the step now under way, one line */
    void step(String what) {
        if (err == null) {
            return;
        }
        String line = what.length() > 100 ? what.substring(0, 99) + "…" : what;
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** Clears the progress line. */
    void done() {
        if (err == null || width == 0) {
            return;
        }
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }
}
