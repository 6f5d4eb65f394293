package dev.mailwright.cli;

import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Postfix 3.7 instance (PEERS.md, "A private Postfix 3.7 instance", recipe b): its own
 * configuration, queue and log under a temporary directory, an SMTP listener on 127.0.0.1 at a free
 * port, everything relayed to {@code relayhost}, and mail for one domain sent over SMTP to another
 * port (where the test listens for the bounces). Close it to stop it and delete its files.
 */
final class PrivatePostfix implements AutoCloseable {
    private final Path dir;
    private final int port;

    private PrivatePostfix(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * @param relayPort where all mail goes (an smtp-sink)
     * @param routedDomain the domain whose mail goes to {@code routedPort} instead
     * @param routedPort the port of the test's SMTP server
     * @return the started instance
     */
    static PrivatePostfix start(int relayPort, String routedDomain, int routedPort) {
        Path postfix = Peers.require("postfix", "postfix");
        Path postconf = Peers.require("postconf", "postfix");
        try {
            Path d = Files.createTempDirectory(Path.of("/tmp"), "postfix-test-");
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String sub : List.of("etc", "queue", "data")) {
                Files.createDirectories(d.resolve(sub));
            }
            run(List.of("chown", "postfix", d.resolve("data").toString()));
            int port = Peers.freePort();
            Files.writeString(d.resolve("etc/main.cf"), String.join("\n",
                    "compatibility_level = 3.6", "queue_directory = " + d.resolve("queue"),
                    "data_directory = " + d.resolve("data"), "maillog_file = " + d.resolve("maillog"),
                    "maillog_file_prefixes = " + d, "inet_interfaces = 127.0.0.1", "inet_protocols = ipv4",
                    "myhostname = mta.test", "mydestination =", "alias_maps =", "alias_database =",
                    "smtp_dns_support_level = disabled", "relayhost = [127.0.0.1]:" + relayPort,
                    "transport_maps = inline:{ " + routedDomain + "=smtp:[127.0.0.1]:" + routedPort + " }") + "\n",
                    StandardCharsets.UTF_8);
            Files.copy(Path.of("/usr/share/postfix/master.cf.dist"), d.resolve("etc/master.cf"));
            String etc = d.resolve("etc").toString();
            run(List.of(postconf.toString(), "-c", etc, "-M#", "smtp/inet"));
            run(List.of(postconf.toString(), "-c", etc, "-Me",
                    "127.0.0.1:" + port + "/inet = 127.0.0.1:" + port + " inet n - n - - smtpd"));
            run(List.of(postconf.toString(), "-c", etc, "-Fe", "*/*/chroot = n"));
            run(List.of(postfix.toString(), "-c", etc, "start"));
            PrivatePostfix p = new PrivatePostfix(d, port);
            Peers.awaitPort(port, java.time.Duration.ofSeconds(20), null);
            return p;
        } catch (IOException e) {
            throw new AssertionError("cannot set up the private Postfix: " + e, e);
        }
    }

    /** @return the SMTP port on 127.0.0.1 */
    int port() {
        return port;
    }

    /** @return Postfix's log, for failure messages */
    String log() {
        try {
            Path log = dir.resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
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

    @Override
    public void close() {
        try {
            run(List.of(Peers.require("postfix", "postfix").toString(), "-c", dir.resolve("etc").toString(), "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
                for (Path f : all) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // a queue file Postfix still held; the directory is under /tmp
            }
        }
    }
}
