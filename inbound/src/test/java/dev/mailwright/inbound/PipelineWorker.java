package dev.mailwright.inbound;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The pipeline in a child JVM, for {@link CrashRestartTest}: drains the maildir and exits. Its
 * handler stands for a host's database: it appends "message-id key" to a log and forces it, and,
 * like a host with a unique key on comments, checks the log only for possible redeliveries.
 */
public final class PipelineWorker {
    private PipelineWorker() {
    }

    /** @param args maildir, state directory, handler log, delay per reply in ms */
    public static void main(String[] args) throws Exception {
        Path maildir = Path.of(args[0]);
        Path log = Path.of(args[2]);
        long delayMs = Long.parseLong(args[3]);
        try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
                InboundPipeline pipeline = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                        .ledgerDirectory(Path.of(args[1])).batchSize(16).handler(reply -> {
                            if (reply.possibleRedelivery() && alreadyStored(log, reply.deliveryKey())) {
                                return;
                            }
                            Thread.sleep(delayMs);
                            out.write(ByteBuffer.wrap((reply.messageId() + " " + reply.deliveryKey() + "\n")
                                    .getBytes(StandardCharsets.UTF_8)));
                            out.force(false);
                        }).build();
                MaildirSource source = MaildirSource.builder(maildir).open()) {
            pipeline.drain(source);
        }
    }

    private static boolean alreadyStored(Path log, String key) throws IOException {
        return Files.readAllLines(log).stream().anyMatch(l -> l.endsWith(" " + key));
    }
}
