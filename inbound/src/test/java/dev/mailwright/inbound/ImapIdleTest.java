package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.reply;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.Dovecot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for mail against a real Dovecot: a message that arrives between the last FETCH and the
 * IDLE is still picked up, IDLE wakes for new mail, a server without IDLE is polled, a server
 * restarted in the middle of an IDLE is reconnected to, and a change of UIDVALIDITY hands nothing
 * over twice.
 */
class ImapIdleTest {
    private static final Duration LONG = Duration.ofMinutes(10);

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

    private static String message(int n) {
        return reply("<idle-" + n + "@me.com>", replyAddress(n, 5), "reply " + n);
    }

    @Test
    void aMessageArrivingAfterTheFetchAndBeforeTheIdle_endsTheWaitAtOnce() throws Exception {
        try (Dovecot dovecot = Dovecot.start(); InboundPipeline pipeline = pipeline(); ImapSource imap = source(dovecot)) {
            assertThat(pipeline.drain(imap).total()).isZero();
            ImapPeer.append(dovecot, "INBOX", message(1));     // after the FETCH, before the IDLE
            long start = System.nanoTime();
            imap.awaitMessages(LONG);
            // Without the check before IDLE it would idle until the server's next notification or
            // the IDLE limit (half the 20 s timeout); it returns at once instead.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
            assertThat(dovecot.imapCommands()).doesNotContain("IDLE");
            pipeline.drain(imap);
            assertThat(handled).containsExactly("<idle-1@me.com>");
        }
    }

    @Test
    void idle_wakesWhenMailArrives_andPollingFindsItWithoutIdle() throws Exception {
        try (Dovecot dovecot = Dovecot.start(); InboundPipeline pipeline = pipeline(); ImapSource imap = source(dovecot)) {
            pipeline.drain(imap);
            Thread later = new Thread(() -> appendQuietly(dovecot, message(2), 1000));
            later.start();
            imap.awaitMessages(LONG);
            later.join();
            pipeline.drain(imap);
            assertThat(handled).containsExactly("<idle-2@me.com>");
            assertThat(dovecot.imapCommands()).contains("IDLE");
        }
        handled.clear();
        try (Dovecot dovecot = Dovecot.builder().withoutIdleOrMove().start(); InboundPipeline pipeline = pipeline();
                ImapSource imap = source(dovecot)) {
            Thread loop = runLoop(pipeline, imap);
            ImapPeer.append(dovecot, "INBOX", message(3));
            awaitTrue(() -> handled.contains("<idle-3@me.com>"));
            stop(loop, imap);
            assertThat(dovecot.imapCommands()).doesNotContain("IDLE");
        }
    }

    @Test
    void serverRestartedInTheMiddleOfAnIdle_isReconnectedTo_andNothingIsLost() throws Exception {
        try (Dovecot dovecot = Dovecot.start(); InboundPipeline pipeline = pipeline(); ImapSource imap = source(dovecot)) {
            Thread loop = runLoop(pipeline, imap);
            ImapPeer.append(dovecot, "INBOX", message(4));
            awaitTrue(() -> handled.contains("<idle-4@me.com>"));
            awaitTrue(() -> dovecot.imapCommands().contains("IDLE"));
            dovecot.stop();                                         // the source is idling
            dovecot.deliver(message(5).getBytes());                 // mail arrives while the server is down
            awaitTrue(() -> !imap.isConnected());
            dovecot.startServer();
            awaitTrue(() -> handled.contains("<idle-5@me.com>"));   // picked up after the reconnection
            ImapPeer.append(dovecot, "INBOX", message(6));
            awaitTrue(() -> handled.contains("<idle-6@me.com>"));   // and IDLE works again
            stop(loop, imap);
            assertThat(handled).containsExactly("<idle-4@me.com>", "<idle-5@me.com>", "<idle-6@me.com>");
            assertThat(ImapPeer.count(dovecot, "INBOX")).isZero();
            assertThat(ImapPeer.count(dovecot, "Mailwright/Processed")).isEqualTo(3);
        }
    }

    @Test
    void uidValidityChangedBeforeTheMove_theMessageIsSeenAgainButNotHandedOverTwice() throws Exception {
        try (Dovecot dovecot = Dovecot.start(); InboundPipeline pipeline = pipeline()) {
            for (int i = 7; i <= 9; i++) {
                dovecot.deliver(message(i).getBytes());
            }
            try (ImapSource imap = source(dovecot)) {
                // The pipeline hands the replies over, then the process "dies" before the move.
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> pipeline.drain(new FilesNothing(imap)))
                        .isInstanceOf(Crash.class);
            }
            assertThat(handled).hasSize(3);
            assertThat(ImapPeer.count(dovecot, "INBOX")).isEqualTo(3);
            dovecot.setUidValidity("INBOX", 424242);
            dovecot.deliver(message(10).getBytes());
            try (ImapSource imap = source(dovecot)) {
                BatchSummary again = pipeline.drain(imap);
                assertThat(again.delivered()).isEqualTo(1);
                assertThat(again.discarded()).as("recognised by the ledger under their new ids").isEqualTo(3);
            }
            assertThat(handled).containsExactlyInAnyOrder("<idle-7@me.com>", "<idle-8@me.com>", "<idle-9@me.com>",
                    "<idle-10@me.com>");
            assertThat(ImapPeer.count(dovecot, "INBOX")).isZero();
            assertThat(ImapPeer.count(dovecot, "Mailwright/Processed")).isEqualTo(4);
        }
    }

    /** A source whose filing is lost, as when the process dies between the handler and the move. */
    private record FilesNothing(ImapSource delegate) implements dev.mailwright.inbound.spi.MailSource {
        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public List<dev.mailwright.inbound.spi.SourceMessage> claim(int max) {
            return delegate.claim(max);
        }

        @Override
        public void file(dev.mailwright.inbound.spi.SourceMessage message, Disposition disposition, String reason) {
            throw new Crash();
        }

        @Override
        public void close() {
        }
    }

    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Thread runLoop(InboundPipeline pipeline, ImapSource imap) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    pipeline.drain(imap);
                    imap.awaitMessages(Duration.ofSeconds(30));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pipeline-loop");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void stop(Thread loop, ImapSource imap) throws InterruptedException {
        loop.interrupt();
        imap.wakeUp();
        loop.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(loop.isAlive()).isFalse();
    }

    private static void appendQuietly(Dovecot dovecot, String message, long delayMs) {
        try {
            Thread.sleep(delayMs);
            ImapPeer.append(dovecot, "INBOX", message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
