package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against Postfix's smtp-sink: a real server without STARTTLS, AUTH refused, stopped and restarted. */
class SmtpSinkTest {
    private final List<Peers.PeerProcess> peers = new ArrayList<>();

    /** A spool directory smtp-sink can write as 'nobody' (the JUnit temp dir is root-only). */
    private Path spool() throws IOException {
        Path spool = Files.createTempDirectory("mailwright-sink-");
        Files.setPosixFilePermissions(spool, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        spools.add(spool);
        return spool;
    }

    private final List<Path> spools = new ArrayList<>();

    private Peers.PeerProcess sink(int port, String... extra) {
        Path program = Peers.require("smtp-sink", "postfix");
        List<String> cmd = new ArrayList<>(List.of(program.toString(), "-u", "nobody"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("127.0.0.1:" + port, "100"));
        Peers.PeerProcess p = Peers.start(port, cmd);
        peers.add(p);
        return p;
    }

    @AfterEach
    void stopPeers() {
        peers.forEach(Peers.PeerProcess::close);
        for (Path spool : spools) {
            try (Stream<Path> files = Files.list(spool)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // best effort clean-up of a temp dir
            }
        }
    }

    private static EmailSettings.Builder settings(int port, ConnectionSecurity security) {
        return Fixtures.settings("127.0.0.1", port, security).toBuilder();
    }

    @Test
    void serverWithoutStarttls_failsClosed_whenStarttlsIsRequired() throws IOException {
        int port = Peers.freePort();
        Path spool = spool();
        sink(port, "-d", spool + "/%H%M%S.");
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                .settings(settings(port, ConnectionSecurity.STARTTLS_REQUIRED).build()).build()).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r).isInstanceOf(SendResult.Failed.class);
            assertThat(((SendResult.Failed) r).category()).isEqualTo(FailureCategory.TLS_REQUIRED);
            assertThat(r.attempts()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).as("nothing may be sent in clear text").isEmpty();
        }
    }

    @Test
    void rejectedAuth_isAnAuthenticationFailure() {
        int port = Peers.freePort();
        sink(port, "-B", "535 5.7.8 Error: authentication failed", "-f", "AUTH");
        EmailSettings s = settings(port, ConnectionSecurity.NONE).auth(AuthMethod.LOGIN).username("mailer")
                .password(Secret.of("hunter2")).build();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s)
                .dangerouslyAllowPlaintextAuthentication().build()).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.AUTHENTICATION);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.detail()).contains("535").doesNotContain("hunter2");
        }
    }

    @Test
    void relayRefusedAtRcpt_isRelayDenied_andNotRetried() {
        int port = Peers.freePort();
        sink(port, "-B", "554 5.7.1 <octocat@example.com>: Relay access denied", "-f", "RCPT");
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                .settings(settings(port, ConnectionSecurity.NONE).build()).build()).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.RELAY_DENIED);
            assertThat(r.attempts()).as("permanent: not retried").isEqualTo(1);
            assertThat(r.detail()).contains("554");
        }
    }

    @Test
    void oneRoundTripGroup_deliversTextWithLeadingDotsIntact() throws IOException {
        // smtp-sink offers PIPELINING: MAIL, RCPT and DATA go in one write, the text and its dot in another
        int port = Peers.freePort();
        Path spool = spool();
        sink(port, "-d", spool + "/%H%M%S.");
        String text = "First line.\n.hidden line that starts with a dot\n..two dots\n.\nafter a lone dot\n";
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                .settings(settings(port, ConnectionSecurity.NONE).build()).build()).build()) {
            SendResult.Sent r = (SendResult.Sent) mailer.send(Fixtures.issueWithoutHtml().textBody(text).build());
            assertThat(r.finalReply().code()).isEqualTo(250);
            assertThat(r.recipients()).singleElement().satisfies(s -> assertThat(s.accepted()).isTrue());
        }
        String dumped;
        try (Stream<Path> files = Files.list(spool)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            dumped = Files.readString(all.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        // smtp-sink stores the text un-stuffed, with LF line ends
        assertThat(dumped).contains("\n.hidden line that starts with a dot\n..two dots\n.\nafter a lone dot\n")
                .contains("Subject: [octo/hello-world]");
    }

    // smtp-sink's -f and -r imply -p (no PIPELINING): these take the transaction without the
    // one-round-trip group; PipelinedRefusalsAgainstListenerTest (cli) refuses pipelined groups.

    @Test
    void textRefusedAtItsEnd_isMessageRejected_andNotRetried() {
        int port = Peers.freePort();
        sink(port, "-f", ".");
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                .settings(settings(port, ConnectionSecurity.NONE).build()).build()).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.MESSAGE_REJECTED);
            assertThat(r.reply().code()).isGreaterThanOrEqualTo(500);
            assertThat(r.attempts()).as("permanent: not retried").isEqualTo(1);
            assertThat(r.recipients()).singleElement().satisfies(s -> assertThat(s.accepted()).isTrue());
            // the connection stays usable: the next message gets the same answer, not a protocol error
            SendResult.Failed again = (SendResult.Failed) mailer.send(Fixtures.issue().eventId("c2").build());
            assertThat(again.category()).isEqualTo(FailureCategory.MESSAGE_REJECTED);
        }
    }

    @Test
    void dataRefused_isMessageRejected_andTheConnectionIsReset() {
        int port = Peers.freePort();
        sink(port, "-f", "data");
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                .settings(settings(port, ConnectionSecurity.NONE).build()).build()).build()) {
            for (int i = 0; i < 2; i++) {
                SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().eventId("c" + i).build());
                assertThat(r.category()).isEqualTo(FailureCategory.MESSAGE_REJECTED);
                assertThat(r.reply().code()).isGreaterThanOrEqualTo(500);
                assertThat(r.attempts()).isEqualTo(1);
            }
        }
    }

    @Test
    void textDeferredAtItsEnd_isTransient_andRetried() {
        int port = Peers.freePort();
        sink(port, "-r", ".");
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20));
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                .settings(settings(port, ConnectionSecurity.NONE).build()).build()).retry(retry).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.TRANSIENT);
            assertThat(r.reply().code()).isBetween(400, 499);
            assertThat(r.attempts()).isEqualTo(3);
        }
    }

    @Test
    void implicitTlsSpokenToAPlainPort_isATlsHandshakeFailure() {
        int port = Peers.freePort();
        sink(port);
        EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).build();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s).build()).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.TLS_HANDSHAKE);
        }
    }

    @Test
    void unknownHost_isClassifiedAndNotRetried() {
        EmailSettings s = Fixtures.settings("smtp.mailwright.invalid", 25, ConnectionSecurity.NONE);
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s).build()).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.UNKNOWN_HOST);
            assertThat(r.attempts()).isEqualTo(1);
        }
    }

    @Test
    void aPooledConnectionThatDiedBetweenMessages_isReplacedSilently_withoutCountingAnAttempt() throws Exception {
        int port = Peers.freePort();
        Peers.PeerProcess first = sink(port);
        RetryPolicy retry = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(20));
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                .settings(settings(port, ConnectionSecurity.NONE).build()).maxConnections(1).build()).retry(retry).build()) {
            assertThat(mailer.send(Fixtures.issue().eventId("c1").build()).attempts()).isEqualTo(1);
            first.close(); // the pooled connection dies with the server
            sink(port);
            SendResult second = mailer.send(Fixtures.issue().eventId("c2").build());
            assertThat(second).isInstanceOf(SendResult.Sent.class);
            assertThat(second.attempts()).as("the dead connection was replaced before the text was written").isEqualTo(1);
        }
    }

    @Test
    void stoppedAndRestartedDuringABatch_everyMessageIsDelivered() throws Exception {
        // the stop kills the pooled connections: the next send meets a dead connection, then refused
        // connections until the restart; retries with backoff carry it through
        int port = Peers.freePort();
        Path spool = spool();
        String[] args = {"-d", spool + "/%M%S."};
        Peers.PeerProcess first = sink(port, args);
        SmtpTransport transport = SmtpTransport.builder().settings(settings(port, ConnectionSecurity.NONE).build())
                .maxConnections(2).build();
        RetryPolicy retry = new RetryPolicy(20, Duration.ofMillis(50), Duration.ofMillis(400));
        List<SendResult> results = new ArrayList<>();
        try (NotificationMailer mailer = Fixtures.mailer(transport, java.time.Clock.systemUTC()).retry(retry)
                .deadline(Duration.ofSeconds(10)).build()) {
            for (int i = 0; i < 60; i++) {
                if (i == 30) {
                    first.close();
                    Thread restarter = new Thread(() -> {
                        sleep(700);
                        sink(port, args);
                    });
                    restarter.start();
                    results.add(mailer.send(Fixtures.issue().eventId("c" + i).build()));
                    restarter.join();
                    continue;
                }
                results.add(mailer.send(Fixtures.issue().eventId("c" + i).build()));
            }
        }
        assertThat(results).allMatch(SendResult::isSent);
        SendResult.Sent firstSent = (SendResult.Sent) results.get(0);
        assertThat(firstSent.finalReply().code()).isEqualTo(250);
        assertThat(firstSent.recipients()).singleElement().satisfies(r -> assertThat(r.reply().enhancedStatus()).isEqualTo("2.1.5"));
        assertThat(results.get(30).attempts()).isGreaterThan(1);
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.count()).isGreaterThanOrEqualTo(60);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
