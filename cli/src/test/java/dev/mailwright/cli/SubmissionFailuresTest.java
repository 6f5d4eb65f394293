package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.dns.testing.TestPki;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.inbound.TlsCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the issue met against a real submission server, here against smtp-sink (Postfix's) and
 * Mailwright's own STARTTLS listener: the test email takes the trust sending takes (--trust-pem,
 * also for diagnostics --test-email), saves its transcript, and 'transcript analyze' given the
 * whole printed output agrees with it; notify's remedy for a 530 under security none is the
 * security setting.
 */
class SubmissionFailuresTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private Path settings(String host, int port, String security) throws IOException {
        return Files.writeString(dir.resolve("email-" + port + ".properties"), String.join("\n", "mailwright.smtp.host=" + host,
                "mailwright.smtp.port=" + port, "mailwright.smtp.security=" + security,
                "mailwright.noreply-address=noreply@ghe.example.com", "mailwright.hostname=ghe.example.com",
                "mailwright.smtp.helo-domain=ghe.example.com", "mailwright.smtp.connect-timeout=3s",
                "mailwright.smtp.read-timeout=3s", ""));
    }

    private static Peers.PeerProcess sink(int port, String reply, String command) {
        return Peers.start(port, List.of(Peers.require("smtp-sink", "postfix").toString(), "-u", "nobody", "-B", reply, "-f",
                command, "127.0.0.1:" + port, "10"));
    }

    @Test
    void testEmail_trustsThePemItIsGiven_andSavesItsTranscript() throws Exception {
        TestPki pki = new TestPki();
        Path ca = Files.writeString(dir.resolve("ca.pem"), pki.caPem());
        KeyRing keys = KeyRing.of(HexFormat.of().parseHex(KEY));
        String to = new ReplyAddressCodec(keys, "ghe.example.com").encode(new ReplyTarget(ThreadType.ISSUE, 1, 5));
        try (InboundListener listener = InboundListener.builder().hostname("ghe.example.com").keyRing(keys)
                .maildir(dir.resolve("maildir")).bindAddress("127.0.0.1").port(0)
                .tls(TlsCredentials.of(pki.serverContext("localhost"))).enforceTls(true).build().start()) {
            Path settings = settings("localhost", listener.port(), "starttls-required");

            CliRunner.Result untrusted = CliRunner.run("test-email", "--settings", settings.toString(), "--to", to);
            assertThat(untrusted.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(untrusted.out()).contains("[FAILURE] smtp.tls.untrusted-certificate");

            Path saved = dir.resolve("test-email.transcript");
            CliRunner.Result trusted = CliRunner.run("test-email", "--settings", settings.toString(), "--to", to, "--trust-pem",
                    ca.toString(), "--transcript-out", saved.toString());
            assertThat(trusted.exitCode()).as(trusted.out() + trusted.err()).isZero();
            assertThat(Files.readString(saved)).contains("TLS connection started", "<- \"STARTTLS\\r\\n\"")
                    .isEqualTo(trusted.out().substring(trusted.out().indexOf("SMTP transcript:") + "SMTP transcript:\n".length())
                            .stripTrailing() + "\n");

            CliRunner.Result diagnostics = CliRunner.run("diagnostics", "--settings", settings.toString(), "--test-email", to,
                    "--trust-pem", ca.toString());
            assertThat(diagnostics.out()).contains("== Last test email (test-email)", "outcome: delivered");
        }
    }

    @Test
    void transcriptAnalyze_ofTheTestEmailsPrintedOutput_agreesWithIt() throws Exception {
        int port = Peers.freePort();
        try (Peers.PeerProcess sink = sink(port, "554 5.7.1 <admin@example.net>: Relay access denied", "RCPT")) {
            Path saved = dir.resolve("saved.transcript");
            CliRunner.Result test = CliRunner.run("test-email", "--settings", settings("127.0.0.1", port, "none").toString(),
                    "--to", "admin@example.net", "--transcript-out", saved.toString());
            assertThat(test.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(test.out()).contains("[FAILURE] smtp.rcpt.relay-denied", "evidence: -> \"554 5.7.1");

            Path printed = Files.writeString(dir.resolve("printed.txt"), test.out());
            for (Path file : List.of(printed, saved)) {
                CliRunner.Result analyzed = CliRunner.run("transcript", "analyze", file.toString());
                assertThat(analyzed.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
                // the evidence lines above the transcript are not read as a second connection (smtp.connect.rejected)
                assertThat(analyzed.out()).as(file.toString()).contains("[FAILURE] smtp.rcpt.relay-denied")
                        .doesNotContain("smtp.connect.rejected");
                assertThat(analyzed.out().lines().filter(l -> l.startsWith("[INFO] smtp.connection.opened"))).hasSize(1);
            }
            CliRunner.Result json = CliRunner.run("test-email", "--settings", settings("127.0.0.1", port, "none").toString(),
                    "--to", "admin@example.net", "--json");
            Path printedJson = Files.writeString(dir.resolve("printed.json"), json.out());
            assertThat(CliRunner.run("transcript", "analyze", printedJson.toString(), "--json").out())
                    .contains("\"failure\":\"smtp.rcpt.relay-denied\"");
        }
    }

    @Test
    void notify_a530UnderSecurityNone_saysToChangeTheSecurity() throws Exception {
        int port = Peers.freePort();
        try (Peers.PeerProcess sink = sink(port, "530 5.7.0 Must issue a STARTTLS command first", "MAIL")) {
            Path notification = Files.writeString(dir.resolve("n.json"), NotifyCommandTest.NOTIFICATION);
            Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
            CliRunner.Result r = CliRunner.run("notify", "--settings", settings("127.0.0.1", port, "none").toString(),
                    "--notification", notification.toString(), "--key-file", keys.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(r.out()).contains("FAILED", "tls-required (smtp.tls.required-by-server)",
                    "what to do: Select connection security starttls-required (port 587) or implicit-tls (port 465).")
                    .doesNotContain("use a port and server that offer STARTTLS");
        }
    }
}
