package dev.mailwright.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and starts the real out-of-process peers of the tests (Postfix's smtp-sink and
 * smtp-source, swaks, knotd). A missing peer fails the test loudly with what to install; it never
 * skips.
 */
public final class Peers {
    private static final List<String> DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin",
            "/usr/lib/postfix/sbin", "/sbin", "/bin");

    private Peers() {
    }

    /**
     * @param program the executable's name, such as {@code smtp-sink}
     * @param debianPackage the package that provides it, such as {@code postfix}
     * @return the executable's path
     * @throws AssertionError when it is not installed, saying how to install it
     */
    public static Path require(String program, String debianPackage) {
        List<String> dirs = new ArrayList<>(DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(0, List.of(path.split(":")));
        }
        for (String dir : dirs) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("The test peer '" + program + "' is not installed. Run `sudo scripts/install-peers.sh`"
                + " (it installs the Debian package '" + debianPackage + "') and run the tests again.");
    }

    /** @return a TCP port on 127.0.0.1 that was free a moment ago */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("cannot find a free port on 127.0.0.1", e);
        }
    }

    /**
     * Starts a peer and waits until it accepts TCP connections on the port.
     *
     * @param port the TCP port it listens on (127.0.0.1); 0 to not wait for a port
     * @param command the command line
     * @return the running process; close it to stop it
     */
    public static PeerProcess start(int port, List<String> command) {
        try {
            Path log = Files.createTempFile("peer-", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PeerProcess peer = new PeerProcess(p, log, command);
            if (port > 0) {
                awaitPort(port, Duration.ofSeconds(10), peer);
            }
            return peer;
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:port. */
    public static void awaitPort(int port, Duration timeout, PeerProcess peer) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (peer != null && !peer.process().isAlive()) {
                throw new AssertionError("peer " + peer.command() + " exited with " + peer.process().exitValue()
                        + " before listening on port " + port + "; its output:\n" + peer.output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", ie);
                }
            }
        }
        throw new AssertionError("nothing listens on 127.0.0.1:" + port + " after " + timeout
                + (peer == null ? "" : "; peer output:\n" + peer.output()));
    }

    /**
     * Runs a command to its end (up to a minute).
     *
     * @param command the command line
     * @return what it printed (standard output and error)
     * @throws AssertionError when it fails, with what it printed
     */
    public static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Makes a self-signed certificate for {@code localhost} and {@code 127.0.0.1} with openssl.
     *
     * @param key where the PEM private key goes
     * @param certificate where the PEM certificate goes
     */
    public static void selfSignedLocalhost(Path key, Path certificate) {
        run(List.of(require("openssl", "openssl").toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(),
                "-out", certificate.toString()));
    }

    /**
     * A started peer.
     *
     * @param process the process
     * @param log its combined output
     * @param command its command line
     */
    public record PeerProcess(Process process, Path log, List<String> command) implements AutoCloseable {
        /** @return what the peer printed so far */
        public String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }

        /** Stops the peer (TERM, then KILL after 5 s). */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
