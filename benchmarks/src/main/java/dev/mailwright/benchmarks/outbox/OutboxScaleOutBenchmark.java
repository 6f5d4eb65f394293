package dev.mailwright.benchmarks.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.testing.PostgresCluster;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxAdmin;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.NodeProcess;
import dev.mailwright.outbox.testsupport.ScriptedRelay;
import dev.mailwright.outbox.testsupport.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Scale-out: 1, 2 and 3 worker JVMs ({@code WorkerNodeMain}, 8 workers each) on one PostgreSQL 15
 * (a private cluster), sending to a relay that takes 50 ms per message (SubEthaSMTP in this JVM,
 * counting each Message-ID and recipient). The clock runs from the moment every node is up to the
 * last entry recorded as sent; messages sent while the nodes were starting are left out. Then 3
 * nodes again with one killed with SIGKILL once a third is sent: its leased entries (counted in the
 * database right after the kill) are taken over when the lease (3 s) expires; lost entries and
 * duplicates are counted at the relay. Targets: 3 nodes at least 2.5 times one node, none lost,
 * duplicates at most the killed node's in-flight entries.
 *
 * <p>Run (as root or as a user that may run PostgreSQL; needs postgresql-15):
 * <pre>
 * mvn -B -q -o -pl benchmarks -am -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.outbox.OutboxScaleOutBenchmark 3000 8
 * </pre>
 * Arguments: entries per run (default 3000), workers per node (default 8).
 */
public final class OutboxScaleOutBenchmark {
    private static final Duration LEASE = Duration.ofSeconds(3);

    private OutboxScaleOutBenchmark() {
    }

    /** @param args entries per run, workers per node */
    public static void main(String[] args) throws Exception {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        OutboxBench.uptime("start");
        try (PostgresCluster cluster = PostgresCluster.start(); ScriptedRelay relay = ScriptedRelay.start().delay(50)) {
            double one = 0;
            for (int nodes = 1; nodes <= 3; nodes++) {
                double rate = run(cluster, relay, nodes, workers, m, false);
                one = nodes == 1 ? rate : one;
                System.out.printf(Locale.ROOT, "| %d node(s) x %d workers | %.0f msg/s | %.2f x one node | ideal %d msg/s |%n",
                        nodes, workers, rate, rate / one, nodes * workers * 20);
            }
            run(cluster, relay, 3, workers, m, true);
        } finally {
            OutboxBench.uptime("end");
        }
    }

    private static double run(PostgresCluster cluster, ScriptedRelay relay, int nodes, int workers, int m, boolean kill)
            throws Exception {
        String url = cluster.createDatabase("scale_" + nodes + (kill ? "_kill" : ""));
        int before = relay.total();
        int distinctBefore = relay.distinct();
        int duplicatesBefore = relay.duplicates();
        try (HikariDataSource db = TestDatabases.pool(cluster, url, 10)) {
            fill(db, relay, m, nodes * 100_000 + (kill ? 50_000 : 0));
            List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                String id = "node-" + (i + 1);
                starting.add(CompletableFuture.supplyAsync(() -> NodeProcess.start(cluster, url, relay.port(), id, workers, LEASE)));
            }
            List<NodeProcess> running = new ArrayList<>();
            for (CompletableFuture<NodeProcess> f : starting) {
                running.add(f.join());
            }
            try {
                OutboxAdmin admin = OutboxAdmin.of(OutboxStores.postgres(db), Clock.systemUTC());
                long sentAtStart = admin.status().count(EntryState.SENT);
                long t0 = System.nanoTime();
                if (kill) {
                    killOne(db, relay, admin, running.get(1), before + m / 3, m);
                }
                while (admin.status().count(EntryState.SENT) < m) {
                    Thread.sleep(50);
                }
                double rate = (m - sentAtStart) / ((System.nanoTime() - t0) / 1e9);
                if (kill) {
                    System.out.printf(Locale.ROOT, "| kill | lost %d | duplicates %d |%n", m - (relay.distinct() - distinctBefore),
                            relay.duplicates() - duplicatesBefore);
                }
                return rate;
            } finally {
                running.forEach(NodeProcess::close);
            }
        }
    }

    private static void killOne(HikariDataSource db, ScriptedRelay relay, OutboxAdmin admin, NodeProcess victim, int at, int m)
            throws Exception {
        while (relay.total() < at) {
            Thread.sleep(10);
        }
        victim.kill();
        long inFlight = TestDatabases.leasedBy(db, "node-2");
        System.out.printf(Locale.ROOT, "| kill | node-2 killed with SIGKILL after %d of %d sent | %d entries in flight on it |%n",
                admin.status().count(EntryState.SENT), m, inFlight);
    }

    private static void fill(HikariDataSource db, ScriptedRelay relay, int m, int first) throws Exception {
        try (Outbox o = Outbox.builder().store(OutboxStores.postgres(db)).mailer(Fixtures.mailer(relay.port())).workers(0).build()) {
            o.migrate();
            OutboxBench.rate(8, m, first, i -> o.enqueue(Fixtures.notification(i, "example.com")));
        }
    }
}
