package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.forgedAddress;
import static dev.mailwright.inbound.Fixtures.reply;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.Dovecot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IMAP source against a real Dovecot: moves only after filing, MOVE and its fallback, IDLE and polling. */
class ImapSourceTest {
    @TempDir
    Path dir;

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private InboundPipeline pipeline() {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST).ledgerDirectory(dir.resolve("ledger"))
                .handler(r -> handled.add(r.messageId())).build();
    }

    private ImapSource source(Dovecot dovecot) {
        return ImapSource.builder(ImapPeer.account(dovecot, "INBOX")).stateDirectory(dir.resolve("imap"))
                .pollInterval(Duration.ofMillis(200)).reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).open();
    }

    private void deliversAndFiles(Dovecot dovecot) throws Exception {
        for (int i = 0; i < 5; i++) {
            dovecot.deliver(reply("<imap-" + i + "@me.com>", replyAddress(1 + i, 5), "reply " + i).getBytes());
        }
        dovecot.deliver(reply("<forged@me.com>", forgedAddress(), "forged").getBytes());
        try (InboundPipeline pipeline = pipeline(); ImapSource imap = source(dovecot)) {
            BatchSummary summary = pipeline.drain(imap);
            assertThat(summary.delivered()).isEqualTo(5);
            assertThat(summary.rejected()).isEqualTo(1);
        }
        assertThat(handled).containsExactlyInAnyOrder("<imap-0@me.com>", "<imap-1@me.com>", "<imap-2@me.com>",
                "<imap-3@me.com>", "<imap-4@me.com>");
        assertThat(ImapPeer.count(dovecot, "INBOX")).isZero();
        assertThat(ImapPeer.count(dovecot, "Mailwright/Processed")).isEqualTo(5);
        assertThat(ImapPeer.count(dovecot, "Mailwright/Failed")).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("imap/filed.log"))).contains("failure Mailwright/Failed imap-")
                .contains("address.forged");
    }

    @Test
    void drain_handsRepliesOverAndMovesEachIntoItsFolder_withMove() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            deliversAndFiles(dovecot);
            assertThat(dovecot.imapCommands()).contains("UID MOVE ").doesNotContain("UID COPY ");
        }
    }

    @Test
    void drain_withoutMove_copiesMarksDeletedAndExpunges() throws Exception {
        try (Dovecot dovecot = Dovecot.builder().withoutMove().start()) {
            deliversAndFiles(dovecot);
            assertThat(dovecot.imapCommands()).doesNotContain("UID MOVE ").contains("UID COPY ")
                    .contains("UID STORE ").contains("UID EXPUNGE ");
        }
    }
}
