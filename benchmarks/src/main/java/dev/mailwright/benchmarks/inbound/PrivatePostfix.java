package dev.mailwright.benchmarks.inbound;

import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Postfix 3.7 instance (the recipe of {@code shared/PEERS.md}) whose {@code smtpd}
 * accepts every message into the hold queue: each message is written and fsynced into the queue
 * before {@code 250}, and stays there. Needs root (Postfix starts its daemons as root and runs
 * them as {@code postfix}).
 */
final class PrivatePostfix implements AutoCloseable {
    private final Path dir;
    private final Path etc;
    private final int port;

    private PrivatePostfix(Path dir, int port) {
        this.dir = dir;
        this.etc = dir.resolve("etc");
        this.port = port;
    }

    /**
     * @param parent where the instance's directory goes (the same disk as the listener's spool)
     * @return the started instance, listening on a free port of 127.0.0.1
     */
    static PrivatePostfix start(Path parent) throws IOException, InterruptedException {
        Path postfix = Peers.require("postfix", "postfix");
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the Postfix comparison needs root (Postfix starts its daemons as root);"
                    + " run the benchmark as root, as CI does");
        }
        Path dir = Files.createTempDirectory(parent, "mw-postfix");
        int port = Peers.freePort();
        PrivatePostfix p = new PrivatePostfix(dir, port);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String d : List.of("etc", "queue", "data")) {
            Files.createDirectories(dir.resolve(d));
        }
        run("chown", "postfix", dir.resolve("data").toString());
        Files.writeString(p.etc.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + dir.resolve("data"),
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir,
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = mta.test",
                "mydestination =",
                "alias_maps =",
                "alias_database =",
                "smtp_dns_support_level = disabled",
                // every message is accepted into the hold queue (fsynced before 250) and stays there
                "smtpd_client_restrictions = check_client_access static:HOLD",
                "") );
        Files.copy(Path.of("/usr/share/postfix/master.cf.dist"), p.etc.resolve("master.cf"));
        run("postconf", "-c", p.etc.toString(), "-M#", "smtp/inet");
        run("postconf", "-c", p.etc.toString(), "-Me",
                "127.0.0.1:" + port + "/inet = 127.0.0.1:" + port + " inet n - n - - smtpd");
        run("postconf", "-c", p.etc.toString(), "-Fe", "*/*/chroot = n");
        run(postfix.toString(), "-c", p.etc.toString(), "start");
        Peers.awaitPort(port, java.time.Duration.ofSeconds(30), null);
        return p;
    }

    /** @return the port its smtpd listens on */
    int port() {
        return port;
    }

    /** @return how many messages the hold queue holds */
    long held() throws IOException {
        Path hold = dir.resolve("queue/hold");
        if (!Files.isDirectory(hold)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(hold)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** Deletes every queued message. */
    void empty() throws IOException, InterruptedException {
        run("postsuper", "-c", etc.toString(), "-d", "ALL");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("postfix", "-c", etc.toString(), "stop");
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
