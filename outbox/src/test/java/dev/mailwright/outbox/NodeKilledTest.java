package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.testing.PostgresCluster;
import dev.mailwright.outbox.testsupport.Await;
import dev.mailwright.outbox.testsupport.CountingListener;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.NodeProcess;
import dev.mailwright.outbox.testsupport.ScriptedRelay;
import dev.mailwright.outbox.testsupport.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A worker node in its own JVM is killed with SIGKILL while it sends: its leased entries are taken
 * over by another node once the lease expires, no entry is lost, and the messages delivered twice
 * are at most the entries that were in flight on the killed node.
 */
class NodeKilledTest {
    private static final int ENTRIES = 400;
    private static final int WORKERS = 8;

    @Test
    void aNodeKilledWhileSending_isTakenOverAfterItsLease_withDuplicatesAtMostItsInFlightEntries() throws Exception {
        PostgresCluster cluster = TestDatabases.cluster();
        String url = cluster.createDatabase("killed");
        try (HikariDataSource db = TestDatabases.pool(cluster, url, 6);
             ScriptedRelay relay = ScriptedRelay.start().delay(40)) {
            CountingListener survivor = new CountingListener();
            try (Outbox enqueuer = Outbox.builder().store(OutboxStores.postgres(db)).mailer(Fixtures.mailer(relay.port()))
                    .workers(0).build()) {
                enqueuer.migrate();
                for (int i = 0; i < ENTRIES; i++) {
                    enqueuer.enqueue(Fixtures.notification(i, "example.com"));
                }
            }
            long inFlightAtKill;
            try (NodeProcess doomed = NodeProcess.start(cluster, url, relay.port(), "doomed", WORKERS, Duration.ofSeconds(2))) {
                Await.until(Duration.ofSeconds(60), () -> relay.total() >= 100, () -> "100 messages from the doomed node");
                doomed.kill();
                inFlightAtKill = TestDatabases.leasedBy(db, "doomed");
            }
            try (Outbox takeover = Outbox.builder().store(OutboxStores.postgres(db)).transport(Fixtures.transport(relay.port(), 4))
                    .workers(4).nodeId("survivor").listener(survivor).pollInterval(Duration.ofMillis(50))
                    .lease(Duration.ofSeconds(2)).build().start()) {
                Await.until(Duration.ofSeconds(120), () -> takeover.admin().status().count(EntryState.SENT) == ENTRIES,
                        () -> ENTRIES + " sent; status " + takeover.admin().status());
            }

            assertThat(inFlightAtKill).as("entries leased by the killed node: at most its in-flight window")
                    .isBetween(1L, (long) OutboxBuilder.DEFAULT_IN_FLIGHT);
            assertThat(relay.distinct()).as("no entry lost").isEqualTo(ENTRIES);
            assertThat(relay.duplicates()).as("duplicates, at most the %d in flight at the kill", inFlightAtKill)
                    .isLessThanOrEqualTo((int) inFlightAtKill);
            assertThat(survivor.sent.get()).isPositive();
            System.out.printf("killed node: %d in flight, %d duplicate(s), %d of %d sent by the survivor%n", inFlightAtKill,
                    relay.duplicates(), survivor.sent.get(), ENTRIES);
        }
    }
}
