package dev.mailwright.inbound;

import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * The pipeline on an IMAP mailbox in a child JVM, for {@link ImapCrashTest}: drains the folder and
 * exits. Its handler stands for a host's database (appends "message-id key" to a log and forces
 * it). With a hang marker, its source stops at the first {@code flush()} (after the handler was
 * called and the ledger recorded the deliveries, before any message is moved) and writes the
 * marker, so that the test can kill the process at exactly that point.
 */
public final class ImapWorker {
    private ImapWorker() {
    }

    /** @param args IMAPS port, certificate, user, state directory, handler log, hang marker or "-" */
    public static void main(String[] args) throws Exception {
        MailboxAccount account = MailboxAccount.builder(URI.create("imaps://" + args[2].replace("@", "%40") + "@127.0.0.1:"
                        + args[0] + "/INBOX"))
                .password(Secret.of(System.getenv("MAILWRIGHT_TEST_IMAP_PASSWORD")))
                .trust(TrustedCertificates.fromPem(Path.of(args[1]))).timeout(Duration.ofSeconds(20)).build();
        Path state = Path.of(args[3]);
        Path log = Path.of(args[4]);
        Path hang = args[5].equals("-") ? null : Path.of(args[5]);
        try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                InboundPipeline pipeline = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                        .ledgerDirectory(state.resolve("ledger")).batchSize(16).handler(reply -> {
                            out.write(ByteBuffer.wrap((reply.messageId() + " " + reply.deliveryKey() + "\n")
                                    .getBytes(StandardCharsets.UTF_8)));
                            out.force(false);
                        }).build();
                ImapSource imap = ImapSource.builder(account).stateDirectory(state.resolve("imap")).open()) {
            MailSource source = hang == null ? imap : new HangingAtFlush(imap, hang);
            if (pipeline.drain(source).total() == 0 || !imap.isConnected()) {
                System.exit(3);
            }
        }
    }

    private record HangingAtFlush(ImapSource delegate, Path marker) implements MailSource {
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
            try {
                Files.writeString(marker, "between the handler and the move\n");
                Thread.sleep(Long.MAX_VALUE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
