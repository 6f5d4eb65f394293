package dev.mailwright.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private Postfix 3.7 instance (PEERS.md, "A private Postfix 3.7 instance"): its own
 * configuration, queue and log under a temporary directory and one {@code smtpd} on 127.0.0.1 at a
 * free port; what it does with mail is the caller's {@code main.cf} lines. Needs root (Postfix's
 * master), as CI runs. Close it to stop it and delete its files.
 *
 * <pre>{@code
 * try (PrivatePostfix postfix = PrivatePostfix.start(List.of("myhostname = mta.test",
 *         "relayhost = [127.0.0.1]:" + sinkPort))) {
 *     postfix.port(); postfix.log();
 * }
 * }</pre>
 */
public final class PrivatePostfix implements AutoCloseable {
    private final Path dir;
    private final int port;

    private PrivatePostfix(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Recipe (b): everything relayed to {@code relayPort}, mail for one domain sent over SMTP to
     * another port (where a test listens for bounces).
     *
     * @param relayPort where all mail goes (an smtp-sink)
     * @param routedDomain the domain whose mail goes to {@code routedPort} instead
     * @param routedPort the port of the test's SMTP server
     * @return the started instance
     */
    public static PrivatePostfix start(int relayPort, String routedDomain, int routedPort) {
        return start(List.of("myhostname = mta.test", "relayhost = [127.0.0.1]:" + relayPort,
                "transport_maps = inline:{ " + routedDomain + "=smtp:[127.0.0.1]:" + routedPort + " }"));
    }

    /**
     * @param mainCf {@code main.cf} lines after the instance's own (directories, log, loopback,
     *     no DNS, no local delivery), such as {@code myhostname} and what to do with mail
     * @return the started instance
     */
    public static PrivatePostfix start(List<String> mainCf) {
        Path postfix = Peers.require("postfix", "postfix");
        Path postconf = Peers.require("postconf", "postfix");
        try {
            Path d = Files.createTempDirectory(Path.of("/tmp"), "postfix-test-");
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String sub : List.of("etc", "queue", "data")) {
                Files.createDirectories(d.resolve(sub));
            }
            Peers.run(List.of("chown", "postfix", d.resolve("data").toString()));
            int port = Peers.freePort();
            List<String> lines = new ArrayList<>(List.of("compatibility_level = 3.6", "queue_directory = " + d.resolve("queue"),
                    "data_directory = " + d.resolve("data"), "maillog_file = " + d.resolve("maillog"),
                    "maillog_file_prefixes = " + d, "inet_interfaces = 127.0.0.1", "inet_protocols = ipv4",
                    "mydestination =", "alias_maps =", "alias_database =", "smtp_dns_support_level = disabled"));
            lines.addAll(mainCf);
            Files.writeString(d.resolve("etc/main.cf"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            Files.copy(Path.of("/usr/share/postfix/master.cf.dist"), d.resolve("etc/master.cf"));
            String etc = d.resolve("etc").toString();
            Peers.run(List.of(postconf.toString(), "-c", etc, "-M#", "smtp/inet"));
            Peers.run(List.of(postconf.toString(), "-c", etc, "-Me",
                    "127.0.0.1:" + port + "/inet = 127.0.0.1:" + port + " inet n - n - - smtpd"));
            Peers.run(List.of(postconf.toString(), "-c", etc, "-Fe", "*/*/chroot = n"));
            PrivatePostfix p = new PrivatePostfix(d, port);
            try {
                Peers.run(List.of(postfix.toString(), "-c", etc, "start"));
                Peers.awaitPort(port, Duration.ofSeconds(30), null);
            } catch (AssertionError e) {
                String log = p.log();
                p.close();
                throw new AssertionError(e.getMessage() + "\nPostfix's log:\n" + log, e);
            }
            return p;
        } catch (IOException e) {
            throw new AssertionError("cannot set up the private Postfix: " + e, e);
        }
    }

    /** @return the SMTP port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return Postfix's log, for failure messages */
    public String log() {
        try {
            Path log = dir.resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops Postfix and deletes its files. */
    @Override
    public void close() {
        try {
            Peers.run(List.of(Peers.require("postfix", "postfix").toString(), "-c", dir.resolve("etc").toString(), "stop"));
        } catch (AssertionError e) {
            // not running (it did not start)
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // a queue file Postfix still held; the directory is under /tmp
            }
        }
    }
}
