package dev.mailwright.inbound;

import dev.mailwright.inbound.spi.MailSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A child JVM for {@link SpoolSourceCrashTest}: a listener with a spool and, in the same process,
 * a pipeline reading the spool directly ({@link InboundListener#source}); prints {@code port N}
 * once it listens, then drains until it is killed. Its handler stands for a host's database, as
 * {@link PipelineWorker}'s does: it appends "message-id key" to a log and forces it.
 */
public final class SpoolPipelineWorker {
    private SpoolPipelineWorker() {
    }

    /** @param args maildir, spool directory, ledger directory, handler log */
    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[3]);
        try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
                InboundPipeline pipeline = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                        .ledgerDirectory(Path.of(args[2])).handler(reply -> {
                            if (reply.possibleRedelivery() && alreadyStored(log, reply.deliveryKey())) {
                                return;
                            }
                            out.write(ByteBuffer.wrap((reply.messageId() + " " + reply.deliveryKey() + "\n")
                                    .getBytes(StandardCharsets.UTF_8)));
                            out.force(false);
                        }).build();
                InboundListener listener = InboundListener.builder().hostname(Fixtures.HOST).keyRing(Fixtures.KEYS)
                        .maildir(Path.of(args[0])).spool(Path.of(args[1])).port(0).build().start();
                MailSource source = listener.source(MaildirSource.builder(Path.of(args[0])).open())) {
            System.out.println("port " + listener.port());
            System.out.flush();
            while (true) {
                if (pipeline.drain(source).total() == 0) {
                    Thread.sleep(5);
                }
            }
        }
    }

    private static boolean alreadyStored(Path log, String key) throws IOException {
        return Files.readAllLines(log).stream().anyMatch(l -> l.endsWith(" " + key));
    }
}
