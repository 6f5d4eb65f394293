package dev.mailwright.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A private Postfix submission service as a mail provider runs one: STARTTLS required before
 * MAIL ({@code smtpd_tls_security_level = encrypt}), AUTH only after STARTTLS, relaying only for
 * authenticated clients, and the passwords checked by a private Dovecot's SASL service (Postfix's
 * {@code smtpd_sasl_type = dovecot} over TCP). A {@link PrivatePostfix} and a Dovecot with only
 * its authentication service, on free ports of 127.0.0.1, after the recipes in PEERS.md; accepted
 * mail is discarded. Needs root, as CI runs; fails loudly when Postfix, Dovecot or openssl is
 * missing.
 *
 * <pre>{@code
 * try (PostfixSubmission submission = PostfixSubmission.start()) {
 *     submission.port(); submission.certificate(); submission.user(); submission.password();
 * }
 * }</pre>
 */
public final class PostfixSubmission implements AutoCloseable {
    private final Path dir;
    private final int authPort;
    private final String user = "sender@example.test";
    private final String password = "pw-" + Long.toHexString(System.nanoTime());
    private Peers.PeerProcess dovecot;
    private PrivatePostfix postfix;

    private PostfixSubmission() throws IOException {
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "postfix-submission-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.authPort = Peers.freePort();
        Files.createDirectories(dir.resolve("dovecot/state"));
        Peers.selfSignedLocalhost(dir.resolve("key.pem"), certificate());
        Files.writeString(dir.resolve("dovecot/users"), user + ":{PLAIN}" + password + "\n");
        Files.writeString(dir.resolve("dovecot/dovecot.conf"), dovecotConfig(), StandardCharsets.US_ASCII);
    }

    /** @return a started submission service (Dovecot's authentication, then Postfix) */
    public static PostfixSubmission start() {
        Path dovecot = Peers.require("dovecot", "dovecot-core");
        PostfixSubmission s;
        try {
            s = new PostfixSubmission();
        } catch (IOException e) {
            throw new AssertionError("cannot prepare the Postfix submission service: " + e, e);
        }
        try {
            s.dovecot = Peers.start(0, List.of(dovecot.toString(), "-F", "-c", s.dir.resolve("dovecot/dovecot.conf").toString()));
            Peers.awaitPort(s.authPort, Duration.ofSeconds(15), s.dovecot);
            s.postfix = PrivatePostfix.start(s.mainCf());
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

    private List<String> mainCf() {
        return List.of("myhostname = submission.test",
                // 127.0.0.1 is not a trusted network: only an authenticated client may relay
                "mynetworks = 127.0.0.2/32", "default_transport = discard:submission test",
                "smtpd_tls_cert_file = " + certificate(), "smtpd_tls_key_file = " + dir.resolve("key.pem"),
                "smtpd_tls_security_level = encrypt", "smtpd_tls_auth_only = yes", "smtpd_sasl_type = dovecot",
                "smtpd_sasl_path = inet:127.0.0.1:" + authPort, "smtpd_sasl_auth_enable = yes",
                "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination");
    }

    /** @return the submission port (STARTTLS) on 127.0.0.1 */
    public int port() {
        return postfix.port();
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
        if (postfix != null) {
            out.append("== maillog\n").append(postfix.log());
        }
        try {
            Path f = dir.resolve("dovecot/dovecot.log");
            if (Files.exists(f)) {
                out.append("== dovecot.log\n").append(Files.readString(f));
            }
        } catch (IOException e) {
            out.append("(cannot read Dovecot's log: ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** Stops Postfix and Dovecot (every process they started) and deletes the files. */
    @Override
    public void close() {
        if (postfix != null) {
            postfix.close();
            postfix = null;
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
}
