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
import java.util.concurrent.TimeUnit;

/**
 * A private Postfix submission service as a mail provider runs one: STARTTLS required before
 * MAIL ({@code smtpd_tls_security_level = encrypt}), AUTH only after STARTTLS, relaying only for
 * authenticated clients, and the passwords checked by Dovecot's SASL service (Postfix's
 * {@code smtpd_sasl_type = dovecot} over TCP). Started on free ports of 127.0.0.1 after the
 * recipes in PEERS.md ("A private Postfix 3.7 instance", "Dovecot 2.3"); accepted mail is
 * discarded ({@code default_transport = discard}). Needs root (Postfix's master), as CI runs;
 * fails loudly when Postfix, Dovecot or openssl is missing.
 *
 * <pre>{@code
 * try (PostfixSubmission submission = PostfixSubmission.start()) {
 *     submission.port(); submission.certificate(); submission.user(); submission.password();
 * }
 * }</pre>
 */
public final class PostfixSubmission implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int authPort;
    private final String user = "sender@example.test";
    private final String password = "pw-" + Long.toHexString(System.nanoTime());
    private final Path postfix;
    private Peers.PeerProcess dovecot;
    private boolean postfixStarted;

    private PostfixSubmission() throws IOException {
        this.postfix = Peers.require("postfix", "postfix");
        Peers.require("dovecot", "dovecot-core");
        Path openssl = Peers.require("openssl", "openssl");
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "postfix-submission-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.port = Peers.freePort();
        this.authPort = Peers.freePort();
        for (String d : new String[] {"etc", "queue", "data", "dovecot/state"}) {
            Files.createDirectories(dir.resolve(d));
        }
        run(List.of("chown", "postfix", dir.resolve("data").toString()));
        run(List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(),
                "-out", certificate().toString()));
        Files.writeString(dir.resolve("dovecot/users"), user + ":{PLAIN}" + password + "\n");
        Files.writeString(dir.resolve("dovecot/dovecot.conf"), dovecotConfig(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("etc/main.cf"), mainCf(), StandardCharsets.US_ASCII);
        Files.copy(Path.of("/usr/share/postfix/master.cf.dist"), dir.resolve("etc/master.cf"));
        Path postconf = Peers.require("postconf", "postfix");
        String etc = dir.resolve("etc").toString();
        run(List.of(postconf.toString(), "-c", etc, "-M#", "smtp/inet"));
        run(List.of(postconf.toString(), "-c", etc, "-Me", "127.0.0.1:" + port + "/inet = 127.0.0.1:" + port
                + " inet n - n - - smtpd -o syslog_name=postfix/submission"));
        run(List.of(postconf.toString(), "-c", etc, "-Fe", "*/*/chroot = n"));
    }

    /** @return a started submission service (Dovecot's authentication, then Postfix) */
    public static PostfixSubmission start() {
        PostfixSubmission s;
        try {
            s = new PostfixSubmission();
        } catch (IOException e) {
            throw new AssertionError("cannot prepare the Postfix submission service: " + e, e);
        }
        try {
            s.dovecot = Peers.start(0, List.of(Peers.require("dovecot", "dovecot-core").toString(), "-F", "-c",
                    s.dir.resolve("dovecot/dovecot.conf").toString()));
            Peers.awaitPort(s.authPort, Duration.ofSeconds(15), s.dovecot);
            run(List.of(s.postfix.toString(), "-c", s.dir.resolve("etc").toString(), "start"));
            s.postfixStarted = true;
            Peers.awaitPort(s.port, Duration.ofSeconds(30), null);
            return s;
        } catch (RuntimeException | AssertionError e) {
            String log = s.log();
            s.close();
            throw new AssertionError("the Postfix submission service did not start: " + e.getMessage() + "\n" + log, e);
        }
    }

    private String dovecotConfig() {
        String d = dir.resolve("dovecot").toString();
        return "base_dir = " + d + "/run\n"
                + "state_dir = " + d + "/state\n"
                + "log_path = " + d + "/dovecot.log\n"
                + "protocols =\n"
                + "listen = 127.0.0.1\n"
                + "ssl = no\n"
                + "disable_plaintext_auth = no\n"
                + "auth_mechanisms = plain login\n"
                + "auth_failure_delay = 0\n"
                + "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " + d + "/users\n}\n"
                + "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=" + d + "/home/%u\n}\n"
                + "service auth {\n  inet_listener auth-inet {\n    address = 127.0.0.1\n    port = " + authPort + "\n  }\n}\n";
    }

    private String mainCf() {
        String d = dir.toString();
        return String.join("\n", "compatibility_level = 3.6", "queue_directory = " + d + "/queue",
                "data_directory = " + d + "/data", "maillog_file = " + d + "/maillog", "maillog_file_prefixes = " + d,
                "inet_interfaces = 127.0.0.1", "inet_protocols = ipv4", "myhostname = submission.test", "mydestination =",
                // 127.0.0.1 is not a trusted network: only an authenticated client may relay
                "mynetworks = 127.0.0.2/32", "alias_maps =", "alias_database =", "smtp_dns_support_level = disabled",
                "default_transport = discard:submission test", "smtpd_tls_cert_file = " + certificate(),
                "smtpd_tls_key_file = " + d + "/key.pem", "smtpd_tls_security_level = encrypt", "smtpd_tls_auth_only = yes",
                "smtpd_sasl_type = dovecot", "smtpd_sasl_path = inet:127.0.0.1:" + authPort, "smtpd_sasl_auth_enable = yes",
                "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination", "");
    }

    /** @return the submission port (STARTTLS) on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return the PEM certificate of the server (for localhost and 127.0.0.1), self-signed */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** @return the SASL user */
    public String user() {
        return user;
    }

    /** @return the SASL user's password */
    public String password() {
        return password;
    }

    /** @return Postfix's mail log and Dovecot's log so far */
    public String log() {
        StringBuilder out = new StringBuilder();
        for (Path f : new Path[] {dir.resolve("maillog"), dir.resolve("dovecot/dovecot.log")}) {
            try {
                if (Files.exists(f)) {
                    out.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
                }
            } catch (IOException e) {
                out.append("(cannot read ").append(f).append(": ").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    /** Stops Postfix and Dovecot (every process they started) and deletes the files. */
    @Override
    public void close() {
        if (postfixStarted) {
            try {
                run(List.of(postfix.toString(), "-c", dir.resolve("etc").toString(), "stop"));
            } catch (AssertionError e) {
                // already stopped
            }
            postfixStarted = false;
        }
        if (dovecot != null) {
            List<ProcessHandle> children = dovecot.process().descendants().toList();
            dovecot.close();
            children.forEach(ProcessHandle::destroyForcibly);
            dovecot = null;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test for
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
