package dev.mailwright.inbound.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.inbound.InboundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's spool: durable before it returns, delivered into the maildir, recovered after a crash. */
class SpoolStoreTest {
    /** The mover waits for an hour: records stay in the spool until close, halt or recovery. */
    private static final SpoolStore.Tuning HELD = new SpoolStore.Tuning(1 << 20, 64 * 1024, 512L << 20,
            Duration.ofHours(1), Duration.ofHours(1), 0);
    private static final SpoolStore.Tuning PROMPT = new SpoolStore.Tuning(1 << 20, 64 * 1024, 512L << 20,
            Duration.ofMillis(1), Duration.ofMillis(1), 32);

    @TempDir
    Path dir;

    private Path maildir() {
        return dir.resolve("maildir");
    }

    private MaildirWriter writer() {
        return new MaildirWriter(maildir(), "mx.example.com", Clock.systemUTC());
    }

    private static String message(int i, int bodyBytes) {
        return "Message-ID: <spool-" + i + "@example.org>\r\nSubject: reply " + i + "\r\n\r\n"
                + "x".repeat(bodyBytes) + "\r\n";
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> delivered() throws IOException {
        Map<String, String> byId = new HashMap<>();
        try (Stream<Path> s = Files.list(maildir().resolve("new"))) {
            for (Path f : s.toList()) {
                String text = Files.readString(f);
                int at = text.indexOf("Message-ID: ");
                String id = text.substring(at + 12, text.indexOf("\r\n", at));
                assertThat(byId.put(id, text)).as("%s delivered twice", id).isNull();
            }
        }
        return byId;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("spool"))) {
            return s.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
        }
    }

    @Test
    void storedMessages_areDeliveredIntoTheMaildir_withTheirPrefix_andTheSpoolIsEmptiedAtClose() throws Exception {
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD)) {
            for (int i = 0; i < 50; i++) {
                assertThat(spool.store("Return-Path: <a@example.org>\r\n", stream(message(i, 4000)), 1 << 20))
                        .startsWith("spool ");
            }
            assertThat(Files.list(maildir().resolve("new")).count()).as("held back by the tuning").isZero();
            assertThat(spool.backlogBytes()).isGreaterThan(50 * 4000);
        }
        Map<String, String> byId = delivered();
        assertThat(byId).hasSize(50);
        assertThat(byId.get("<spool-7@example.org>")).isEqualTo("Return-Path: <a@example.org>\r\n" + message(7, 4000));
        assertThat(segments()).as("every delivered segment is deleted").isEmpty();
    }

    @Test
    void aSmallBacklog_isDeliveredWithoutWaitingForClose() throws Exception {
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), PROMPT)) {
            spool.store("", stream(message(1, 100)), 1 << 20);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (spool.backlogBytes() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(delivered()).containsOnlyKeys("<spool-1@example.org>");
            assertThat(spool.backlogBytes()).isZero();
        }
    }

    @Test
    void afterACrash_everyRecordIsDelivered_andATornLastRecordIsIgnored() throws Exception {
        SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD);
        for (int i = 0; i < 40; i++) {
            spool.store("", stream(message(i, 3000)), 1 << 20);
        }
        spool.halt();
        Path segment = segments().get(0);
        long end = endOfRecords(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            // a record whose header was written and whose content was not: never acknowledged
            ByteBuffer torn = ByteBuffer.allocate(64).putInt(0x4D575331).putShort((short) 10).putInt(5000).putInt(1234);
            torn.flip();
            ch.write(torn, end);
        }
        assertThat(Files.list(maildir().resolve("new")).count()).isZero();

        try (SpoolStore again = new SpoolStore(dir.resolve("spool"), writer(), PROMPT)) {
            assertThat(again.backlogBytes()).isGreaterThan(0);
        }
        assertThat(delivered()).hasSize(40).containsKeys("<spool-0@example.org>", "<spool-39@example.org>");
        assertThat(segments()).isEmpty();
        Path kept = segment.resolveSibling(segment.getFileName() + ".kept");
        assertThat(kept).as("bytes that are not a whole record are kept, not deleted").exists();
        assertThat(Files.readString(kept.resolveSibling(kept.getFileName() + ".reason")))
                .contains("after 40 whole record(s), offset " + end);
    }

    @Test
    void aRecordDamagedOnDisk_stopsDeliveryThere_andTheSegmentIsKeptWithItsReason() throws Exception {
        SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD);
        for (int i = 0; i < 10; i++) {
            spool.store("", stream(message(i, 1000)), 1 << 20);
        }
        spool.halt();
        Path segment = segments().get(0);
        long sixth = 0;
        for (int i = 0; i < 5; i++) {
            sixth = nextRecord(segment, sixth);
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'!'}), sixth + 200);
        }

        new SpoolStore(dir.resolve("spool"), writer(), PROMPT).close();

        assertThat(delivered()).hasSize(5).containsKeys("<spool-0@example.org>", "<spool-4@example.org>");
        Path kept = segment.resolveSibling(segment.getFileName() + ".kept");
        assertThat(kept).exists();
        assertThat(Files.readString(kept, StandardCharsets.ISO_8859_1)).as("nothing is lost: the undelivered records stay in the kept file")
                .contains("<spool-9@example.org>");
        assertThat(Files.readString(kept.resolveSibling(kept.getFileName() + ".reason"))).contains("offset " + sixth);
    }

    @Test
    void aSegmentOfferedAgainAfterItsMessagesWereDelivered_deliversNothingTwice() throws Exception {
        SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD);
        for (int i = 0; i < 10; i++) {
            spool.store("", stream(message(i, 500)), 1 << 20);
        }
        spool.halt();
        Path segment = segments().get(0);
        Path copy = dir.resolve("segment.copy");
        Files.copy(segment, copy);
        new SpoolStore(dir.resolve("spool"), writer(), PROMPT).close();
        assertThat(delivered()).hasSize(10);
        assertThat(segment).doesNotExist();
        Path first;
        try (Stream<Path> s = Files.list(maildir().resolve("new"))) {
            first = s.sorted().findFirst().orElseThrow();
        }
        Files.move(first, maildir().resolve("cur").resolve(first.getFileName()));

        // a crash after the delivery and before the mark: the segment is there again, without a mark
        Files.copy(copy, segment);
        new SpoolStore(dir.resolve("spool"), writer(), PROMPT).close();
        // and with a mark that is not an offset: recovery starts from the beginning, and says so
        Files.copy(copy, segment);
        Files.writeString(dir.resolve("spool").resolve(segment.getFileName().toString().replace(".spool", ".moved")),
                "not a number");
        new SpoolStore(dir.resolve("spool"), writer(), PROMPT).close();

        assertThat(delivered()).hasSize(9);
        assertThat(Files.list(maildir().resolve("cur")).count()).isEqualTo(1);
        assertThat(segments()).isEmpty();
    }

    @Test
    void manySessionsAtOnce_eachMessageIsDeliveredExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), PROMPT)) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    spool.begin();
                    return spool.store("", stream(message(n, 2000 + n)), 1 << 20);
                }));
            }
            for (Future<String> f : futures) {
                assertThat(f.get()).startsWith("spool ");
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> byId = delivered();
        assertThat(byId).hasSize(400);
        assertThat(byId.get("<spool-399@example.org>")).isEqualTo(message(399, 2399));
        assertThat(segments()).as("small segments rotated and all deleted").isEmpty();
    }

    @Test
    void aMessageOverTheRecordLimit_goesStraightIntoTheMaildir() throws Exception {
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD)) {
            String where = spool.store("Return-Path: <>\r\n", stream(message(1, 200_000)), 1 << 20);
            assertThat(where).contains("/new/");
            assertThat(delivered().get("<spool-1@example.org>")).isEqualTo("Return-Path: <>\r\n" + message(1, 200_000));
        }
    }

    @Test
    void aMessageOverTheSizeLimit_isRefused_andNothingIsKept() throws Exception {
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD)) {
            assertThatThrownBy(() -> spool.store("", stream(message(1, 5000)), 1000))
                    .isInstanceOf(MaildirWriter.TooLargeException.class);
            assertThatThrownBy(() -> spool.store("", stream(message(2, 300_000)), 100_000))
                    .isInstanceOf(MaildirWriter.TooLargeException.class);
            assertThat(spool.backlogBytes()).isZero();
        }
        assertThat(delivered()).isEmpty();
        assertThat(Files.list(maildir().resolve("tmp")).count()).isZero();
    }

    @Test
    void whenTheBacklogIsAtItsCap_messagesGoStraightIntoTheMaildir() throws Exception {
        SpoolStore.Tuning capped = new SpoolStore.Tuning(1 << 20, 64 * 1024, 20_000, Duration.ofHours(1),
                Duration.ofHours(1), 0);
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), capped)) {
            List<String> where = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                where.add(spool.store("", stream(message(i, 5000)), 1 << 20));
            }
            assertThat(where.subList(0, 3)).allMatch(w -> w.startsWith("spool "));
            assertThat(where.subList(3, 6)).allMatch(w -> w.contains("/new/"));
        }
        assertThat(delivered()).hasSize(6);
    }

    @Test
    void aSecondStoreOnTheSameSpool_isRefusedWithTheDirectory() {
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD)) {
            assertThatThrownBy(() -> new SpoolStore(dir.resolve("spool"), writer(), HELD))
                    .isInstanceOf(InboundException.class)
                    .hasMessageContaining(dir.resolve("spool").toString())
                    .hasMessageContaining("own spool directory");
        }
    }

    @Test
    void tuningThatCannotHoldARecord_isRefused() {
        assertThatThrownBy(() -> new SpoolStore.Tuning(4096, 1 << 20, 1 << 30, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    }

    @Test
    void aRecordDamagedWhileTheListenerRuns_isReportedAndKept_andLaterMessagesStillFlow() throws Exception {
        SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD);
        for (int i = 0; i < 10; i++) {
            spool.store("", stream(message(i, 1000)), 1 << 20);
        }
        Path segment = segments().get(0);
        long fourth = nextRecord(segment, nextRecord(segment, nextRecord(segment, 0)));
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'!'}), fourth + 100);
        }
        spool.close();

        assertThat(delivered()).hasSize(3);
        Path kept = segment.resolveSibling(segment.getFileName() + ".kept");
        assertThat(Files.readString(kept.resolveSibling(kept.getFileName() + ".reason")))
                .contains("offset " + fourth).contains("damaged");
        try (SpoolStore again = new SpoolStore(dir.resolve("spool"), writer(), PROMPT)) {
            again.store("", stream(message(99, 10)), 1 << 20);
        }
        assertThat(delivered()).hasSize(4).containsKey("<spool-99@example.org>");
    }

    /** @return the offset of the record after the one at {@code at} */
    private static long nextRecord(Path segment, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(14);
            ch.read(h, at);
            h.flip();
            assertThat(h.getInt()).isEqualTo(0x4D575331);
            int name = Short.toUnsignedInt(h.getShort());
            return at + 14 + name + h.getInt();
        }
    }

    /** @return the offset after the last whole record (the first zero magic) */
    private static long endOfRecords(Path segment) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long at = 0;
            ByteBuffer h = ByteBuffer.allocate(14);
            while (true) {
                h.clear();
                ch.read(h, at);
                h.flip();
                if (h.getInt() != 0x4D575331) {
                    return at;
                }
                int name = Short.toUnsignedInt(h.getShort());
                int body = h.getInt();
                at += 14 + name + body;
            }
        }
    }

    /** With an in-process pipeline too far behind, a session waits for it (up to the flow delay) before its 250. */
    @Test
    void withAConsumerBehind_aStoreWaitsForIt_andGoesOnOnceItCatchesUp() throws Exception {
        try (SpoolStore spool = new SpoolStore(dir.resolve("spool"), writer(), HELD)) {
            spool.attachConsumer();
            for (int i = 0; i < SpoolStore.FLOW_BACKLOG; i++) {
                spool.store("", stream(message(i, 100)), 1 << 20);
            }
            long expired = spool.counters().get("listener.spool.flow-delay-expired");
            long start = System.nanoTime();
            spool.store("", stream(message(-1, 100)), 1 << 20);
            assertThat(System.nanoTime() - start).as("waited out the flow delay").isGreaterThanOrEqualTo(SpoolStore.FLOW_DELAY_NANOS);
            assertThat(spool.counters().get("listener.spool.flow-delay-expired")).isEqualTo(expired + 1);

            List<SpoolStore.Taken> taken = spool.take(1000);
            assertThat(taken).hasSize(SpoolStore.FLOW_BACKLOG + 1);
            spool.consumed(taken);
            spool.store("", stream(message(-2, 100)), 1 << 20);
            assertThat(spool.counters().get("listener.spool.flow-delay-expired")).isEqualTo(expired + 1);
            assertThat(spool.take(10)).singleElement().satisfies(t -> assertThat(new String(t.content(),
                    StandardCharsets.UTF_8)).contains("spool--2@"));
        }
    }
}
