package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.forgedAddress;
import static dev.mailwright.inbound.Fixtures.reply;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.core.testing.Dovecot;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The POP3 source against a real Dovecot: deletes only after filing, or leaves on the server by UIDL. */
class Pop3SourceTest {
    @TempDir
    Path dir;

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private InboundPipeline pipeline() {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST).ledgerDirectory(dir.resolve("ledger"))
                .handler(r -> handled.add(r.messageId())).build();
    }

    private static MailboxAccount account(Dovecot dovecot, boolean implicitTls) {
        String uri = implicitTls ? "pop3s://" + dovecot.user().replace("@", "%40") + "@127.0.0.1:" + dovecot.pop3sPort()
                : "pop3://" + dovecot.user().replace("@", "%40") + "@127.0.0.1:" + dovecot.pop3Port();
        return MailboxAccount.builder(URI.create(uri)).password(Secret.of(dovecot.password()))
                .trust(TrustedCertificates.fromPem(dovecot.certificate())).timeout(Duration.ofSeconds(20)).build();
    }

    private Pop3Source.Builder source(MailboxAccount account) {
        return Pop3Source.builder(account).stateDirectory(dir.resolve("pop3"))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void deletesEachMessageOnlyAfterFiling_andKeepsACopyOfTheRejectedOnes() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            for (int i = 0; i < 3; i++) {
                dovecot.deliver(reply("<pop-" + i + "@me.com>", replyAddress(1 + i, 5), "reply " + i).getBytes());
            }
            dovecot.deliver(reply("<pop-forged@me.com>", forgedAddress(), "forged").getBytes());
            try (InboundPipeline pipeline = pipeline(); Pop3Source pop = source(account(dovecot, true)).open()) {
                BatchSummary summary = pipeline.drain(pop);
                assertThat(summary.delivered()).isEqualTo(3);
                assertThat(summary.rejected()).isEqualTo(1);
            }
            assertThat(handled).containsExactlyInAnyOrder("<pop-0@me.com>", "<pop-1@me.com>", "<pop-2@me.com>");
            assertThat(ImapPeer.count(dovecot, "INBOX")).isZero();
            try (var failed = Files.list(dir.resolve("pop3/failed"))) {
                List<Path> files = failed.toList();
                assertThat(files).hasSize(2);
                Path copy = files.stream().filter(p -> !p.toString().endsWith(".reason")).findFirst().orElseThrow();
                assertThat(Files.readString(copy)).contains("<pop-forged@me.com>");
                assertThat(Files.readString(Path.of(copy + ".reason"))).contains("address.forged");
            }
        }
    }

    @Test
    void leaveOnServer_remembersTheUidls_overStls() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            assertThat(account(dovecot, false).security()).isEqualTo(ConnectionSecurity.STARTTLS_REQUIRED);
            dovecot.deliver(reply("<keep-1@me.com>", replyAddress(1, 5), "one").getBytes());
            dovecot.deliver(reply("<keep-2@me.com>", replyAddress(2, 5), "two").getBytes());
            try (InboundPipeline pipeline = pipeline()) {
                try (Pop3Source pop = source(account(dovecot, false)).leaveOnServer(true).open()) {
                    assertThat(pipeline.drain(pop).delivered()).isEqualTo(2);
                }
                dovecot.deliver(reply("<keep-3@me.com>", replyAddress(3, 5), "three").getBytes());
                try (Pop3Source pop = source(account(dovecot, false)).leaveOnServer(true).open()) {
                    BatchSummary second = pipeline.drain(pop);
                    assertThat(second.total()).as("only the new message is read").isEqualTo(1);
                }
            }
            assertThat(handled).containsExactly("<keep-1@me.com>", "<keep-2@me.com>", "<keep-3@me.com>");
            assertThat(ImapPeer.count(dovecot, "INBOX")).isEqualTo(3);
            assertThat(Files.readAllLines(dir.resolve("pop3/pop3-filed.uidl"))).hasSize(3);
        }
    }

    @Test
    void aSessionThatDiesBeforeQuit_deletesNothing_andTheLedgerKeepsTheHandlerFromSeeingItTwice() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            for (int i = 0; i < 3; i++) {
                dovecot.deliver(reply("<quit-" + i + "@me.com>", replyAddress(1 + i, 5), "reply " + i).getBytes());
            }
            try (InboundPipeline pipeline = pipeline()) {
                Pop3Source dying = source(account(dovecot, true)).open();
                assertThatThrownBy(() -> pipeline.drain(new DiesAtFlush(dying))).isInstanceOf(IllegalStateException.class);
                dovecot.stop();            // the connection drops without QUIT, as when the process dies
                dovecot.startServer();
                assertThat(ImapPeer.count(dovecot, "INBOX")).isEqualTo(3);
                try (Pop3Source pop = source(account(dovecot, true)).open()) {
                    assertThat(pipeline.drain(pop).delivered()).isEqualTo(3);
                }
            }
            assertThat(handled).hasSize(3).doesNotHaveDuplicates();
            assertThat(ImapPeer.count(dovecot, "INBOX")).isZero();
        }
    }

    private record DiesAtFlush(Pop3Source delegate) implements MailSource {
        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public List<SourceMessage> claim(int max) {
            return delegate.claim(max);
        }

        @Override
        public void file(SourceMessage message, Disposition disposition, String reason) {
            delegate.file(message, disposition, reason);
        }

        @Override
        public void flush() {
            throw new IllegalStateException("the process dies before QUIT");
        }

        @Override
        public void close() {
        }
    }
}
