package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.reply;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.Dovecot;
import dev.mailwright.inbound.spi.SourceMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large mailboxes (issue 19): the IMAP source fetches a folder in batches bounded by
 * {@code batchBytes}, whatever the claim's count, and drains a mailbox larger than one batch
 * completely; on Dovecot's {@code mdbox} format, the one {@code docs/inbound.md} recommends.
 */
class ImapBatchTest {
    private static final Pattern BODY_FETCH = Pattern.compile("UID FETCH ([0-9,:]+) \\(UID BODY\\.PEEK\\[\\]\\)");
    private static final int MESSAGES = 12;

    @TempDir
    Path dir;

    private final List<String> handled = new CopyOnWriteArrayList<>();

    @Test
    void aClaimHoldsAtMostBatchBytes_andADrainTakesTheWholeMailboxInSeveralBatches() throws Exception {
        try (Dovecot dovecot = Dovecot.builder().mailFormat("mdbox").start()) {
            int size = 0;
            for (int i = 0; i < MESSAGES; i++) {
                byte[] m = reply("<batch-" + i + "@me.com>", replyAddress(100 + i, 5), "reply " + i)
                        .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
                size = Math.max(size, m.length);
                dovecot.deliver(m);
            }
            dovecot.indexDelivered();
            long batchBytes = 3L * size + size / 2;
            try (ImapSource imap = ImapSource.builder(ImapPeer.account(dovecot, "INBOX")).stateDirectory(dir.resolve("imap"))
                    .batchBytes(batchBytes).reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).open()) {
                List<SourceMessage> first = imap.claim(256);
                assertThat(first).hasSize(3);
                assertThat(first.stream().mapToLong(m -> m.content().length).sum()).isLessThanOrEqualTo(batchBytes);
                try (InboundPipeline pipeline = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                        .ledgerDirectory(dir.resolve("ledger")).handler(r -> handled.add(r.messageId())).build()) {
                    for (SourceMessage m : first) {
                        imap.file(m, new Disposition.RetryLater("claimed by the test", m.attempt(), java.time.Instant.EPOCH), "claimed by the test");
                    }
                    assertThat(pipeline.drain(imap).delivered()).isEqualTo(MESSAGES);
                }
            }
            assertThat(handled).hasSize(MESSAGES).doesNotHaveDuplicates();
            assertThat(ImapPeer.count(dovecot, "INBOX")).isZero();
            assertThat(ImapPeer.count(dovecot, "Mailwright/Processed")).isEqualTo(MESSAGES);
            Matcher fetches = BODY_FETCH.matcher(dovecot.imapCommands());
            int commands = 0;
            while (fetches.find()) {
                commands++;
                assertThat(fetches.group(1).split(",")).hasSizeLessThanOrEqualTo(3);
            }
            assertThat(commands).isGreaterThanOrEqualTo(MESSAGES / 3);
        }
    }
}
