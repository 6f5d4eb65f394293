package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.testing.PostgresCluster;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.outbox.testsupport.Await;
import dev.mailwright.outbox.testsupport.CountingListener;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.ScriptedRelay;
import dev.mailwright.outbox.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL only: the host's transaction, several nodes on one database, a database restart. */
class PostgresNodesTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T t) {
        closing.add(t);
        return t;
    }

    private Outbox node(OutboxStore store, ScriptedRelay relay, String id, int workers, CountingListener listener) {
        return closeLater(Outbox.builder().store(store).mailer(Fixtures.mailer(relay.port())).workers(workers).nodeId(id)
                .listener(listener).pollInterval(Duration.ofMillis(50)).lease(Duration.ofSeconds(5))
                .retry(new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(5))).build());
    }

    @Test
    void enqueueInTheHostsTransaction_existsIfAndOnlyIfItCommits() throws Exception {
        HikariDataSource db = closeLater(TestDatabases.fresh());
        ScriptedRelay relay = closeLater(ScriptedRelay.start());
        Outbox o = node(OutboxStores.postgres(db), relay, "a", 2, new CountingListener());
        o.migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE comments (id BIGINT PRIMARY KEY, body TEXT NOT NULL)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO comments VALUES (1, 'rolled back')");
            o.enqueue(c, Fixtures.notification(1, "example.com"));
            c.rollback();
            s.execute("INSERT INTO comments VALUES (2, 'committed')");
            Enqueued kept = o.enqueue(c, Fixtures.notification(2, "example.com"), "comment-2");
            assertThat(o.admin().status().pending()).as("not visible before the host commits").isZero();
            c.commit();
            o.start();
            Await.until(Duration.ofSeconds(30), () -> o.admin().status().count(EntryState.SENT) == 1,
                    () -> "the committed notification sent");
            assertThat(o.admin().list(EntryFilter.of(EntryState.SENT), 10)).singleElement()
                    .satisfies(e -> assertThat(e.id()).isEqualTo(kept.id()));
            assertThat(relay.count("<octo/hello/issues/7/c1@ghe.example.com>", "user1@example.com")).isZero();
        }
    }

    @Test
    void twoNodesOnOneDatabase_shareTheWork_andNeverLeaseOneEntryTwice() {
        HikariDataSource db = closeLater(TestDatabases.fresh());
        ScriptedRelay relay = closeLater(ScriptedRelay.start().delay(5));
        CountingListener a = new CountingListener();
        CountingListener b = new CountingListener();
        Outbox nodeA = node(OutboxStores.postgres(db), relay, "node-a", 4, a);
        nodeA.migrate();
        Outbox nodeB = node(OutboxStores.postgres(db), relay, "node-b", 4, b);
        for (int i = 0; i < 300; i++) {
            (i % 2 == 0 ? nodeA : nodeB).enqueue(Fixtures.notification(i, "example.com"));
        }
        nodeA.start();
        nodeB.start();
        Await.until(Duration.ofSeconds(60), () -> a.sent.get() + b.sent.get() == 300,
                () -> "300 sent, have " + a.sent + " + " + b.sent);

        assertThat(relay.distinct()).isEqualTo(300);
        assertThat(relay.duplicates()).isZero();
        assertThat(a.sent.get()).isPositive();
        assertThat(b.sent.get()).isPositive();
    }

    @Test
    void databaseRestartedMidBatch_noEntryIsLost() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start();
             HikariDataSource db = TestDatabases.pool(cluster, cluster.createDatabase("restart"), 6)) {
            ScriptedRelay relay = closeLater(ScriptedRelay.start().delay(10));
            CountingListener listener = new CountingListener();
            Outbox o = node(OutboxStores.postgres(db), relay, "a", 4, listener);
            o.migrate();
            for (int i = 0; i < 300; i++) {
                o.enqueue(Fixtures.notification(i, "example.com"));
            }
            o.start();
            Await.until(Duration.ofSeconds(60), () -> relay.total() >= 60, () -> "60 sent before the restart");
            cluster.restart();
            Await.until(Duration.ofSeconds(120), () -> listener.sent.get() == 300,
                    () -> "300 recorded as sent, have " + listener.sent + "; relay has " + relay.distinct());

            assertThat(relay.distinct()).isEqualTo(300);
            assertThat(relay.duplicates()).as("at most the entries in flight when the database went away").isLessThanOrEqualTo(4);
            assertThat(o.admin().status().count(EntryState.SENT)).isEqualTo(300);
            o.close();
            closing.remove(o);
        }
    }
}
