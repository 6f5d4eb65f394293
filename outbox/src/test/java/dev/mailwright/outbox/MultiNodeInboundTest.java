package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.testing.PostgresCluster;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import dev.mailwright.inbound.RejectionNotice;
import dev.mailwright.outbox.testsupport.Await;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.InboundNodeMain;
import dev.mailwright.outbox.testsupport.Replies;
import dev.mailwright.outbox.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two inbound "nodes" (two pipelines, each with its own connection pool, as two machines would
 * have) read one maildir on shared storage at the same time against one real PostgreSQL: every
 * reply reaches a handler exactly once across both, one rejection notice goes to a sender across
 * both, and a node killed between the handler call and the ledger's record hands the reply over
 * again, once, marked as a possible redelivery.
 */
class MultiNodeInboundTest {
    private static final int REPLIES = 40;
    private static final int COPIES = 3;
    private static final int FORGED = 12;

    @TempDir
    Path dir;

    private Path maildir() {
        return dir.resolve("mail/reply");
    }

    private InboundPipeline node(HikariDataSource db, Map<String, AtomicInteger> calls, List<RejectionNotice> notices) {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Replies.HOST).batchSize(4)
                .deliveryLedger(PostgresStores.deliveryLedger(db)).noticeThrottle(PostgresStores.noticeThrottle(db))
                .rejectionNotifier(notices::add).handler(reply -> {
                    calls.computeIfAbsent(reply.messageId(), k -> new AtomicInteger()).incrementAndGet();
                    Thread.sleep(2); // a handler does work: the nodes overlap
                }).build();
    }

    @Test
    void twoNodesOnOneMaildir_handEachReplyOnce_andSendOneNoticePerSender() throws Exception {
        for (int i = 0; i < REPLIES; i++) {
            for (int copy = 0; copy < COPIES; copy++) {
                // an MTA's redeliveries: the same reply in several files, differing in the relay that carried it
                Replies.deliver(maildir(), "r" + i + "c" + copy, Replies.reply(1 + i % 7, 5, "<r" + i + "@icloud.com>",
                        "reply number " + i, "relay" + copy));
            }
        }
        for (int i = 0; i < FORGED; i++) {
            Replies.deliver(maildir(), "f" + i, Replies.forged("<f" + i + "@icloud.com>"));
        }
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        List<RejectionNotice> notices = new CopyOnWriteArrayList<>();
        try (HikariDataSource first = TestDatabases.fresh()) {
            PostgresStores.migrate(first);
            try (HikariDataSource second = TestDatabases.pool(TestDatabases.cluster(), first.getJdbcUrl(), 4);
                    InboundPipeline a = node(first, calls, notices); InboundPipeline b = node(second, calls, notices);
                    MaildirSource sa = MaildirSource.builder(maildir()).open();
                    MaildirSource sb = MaildirSource.builder(maildir()).open()) {
                ExecutorService threads = Executors.newFixedThreadPool(2); // a thread per node, both at once
                CompletableFuture<BatchSummary> ra = CompletableFuture.supplyAsync(() -> a.drain(sa), threads);
                CompletableFuture<BatchSummary> rb = CompletableFuture.supplyAsync(() -> b.drain(sb), threads);
                threads.shutdown();
                BatchSummary sum = ra.get(180, TimeUnit.SECONDS).plus(rb.get(180, TimeUnit.SECONDS));
                assertThat(sum.total()).as("every file processed once, by one node").isEqualTo(REPLIES * COPIES + FORGED);
                assertThat(ra.get().total()).as("both nodes worked").isPositive();
                assertThat(rb.get().total()).as("both nodes worked").isPositive();
            }
        }
        assertThat(calls).hasSize(REPLIES);
        assertThat(calls.values()).as("each reply handed to a handler exactly once across both nodes")
                .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(notices).as("one notice per sender and reason across both nodes").singleElement()
                .satisfies(n -> assertThat(n.code()).isEqualTo("address.forged"));
    }

    @Test
    void aNodeKilledBetweenTheHandlerCallAndItsRecord_isTakenOver_theReplyHandedOverAgainOnce() throws Exception {
        Replies.deliver(maildir(), "crash", Replies.reply(3, 5, "<crash@icloud.com>", "handled, then the node died", "relay1"));
        PostgresCluster cluster = TestDatabases.cluster();
        try (HikariDataSource db = TestDatabases.fresh()) {
            PostgresStores.migrate(db);
            Path log = dir.resolve("node.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    InboundNodeMain.class.getName(), db.getJdbcUrl(), maildir().toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("MAILWRIGHT_JDBC_USER", PostgresCluster.USER);
            pb.environment().put("MAILWRIGHT_JDBC_PASSWORD", cluster.password());
            Process node = pb.start();
            try {
                Await.until(Duration.ofSeconds(90), () -> read(log).contains("handled <crash@icloud.com>") || !node.isAlive(),
                        () -> "the node to call its handler; output:\n" + read(log));
                assertThat(node.isAlive()).as(read(log)).isTrue();
                assertThat(state(db)).as("recorded as in progress before the handler ran").isEqualTo("P");
            } finally {
                node.destroyForcibly(); // SIGKILL: no close, no record of the delivery
                node.waitFor(60, TimeUnit.SECONDS);
            }
            // the server drops a dead node's session, and with it its owner lock
            Await.until(Duration.ofSeconds(30), () -> ownerLocks(db) == 0, () -> "the dead node's owner lock to go");

            List<DeliveredReply> handled = new CopyOnWriteArrayList<>();
            try (InboundPipeline survivor = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Replies.HOST)
                    .deliveryLedger(PostgresStores.deliveryLedger(db)).noticeThrottle(PostgresStores.noticeThrottle(db))
                    .handler(handled::add).build();
                    MaildirSource source = MaildirSource.builder(maildir()).open()) {
                survivor.drain(source);
                survivor.drain(source);
            }
            assertThat(handled).singleElement().satisfies(r -> {
                assertThat(r.messageId()).isEqualTo("<crash@icloud.com>");
                assertThat(r.possibleRedelivery()).as("the handler is told it may have seen it").isTrue();
            });
            assertThat(state(db)).isEqualTo("D");
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }

    private static String state(HikariDataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(state, ',') FROM mailwright_inbound_delivery")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long ownerLocks(HikariDataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = " + 0x6d776c67L)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
