package dev.mailwright.benchmarks.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.core.testing.PostgresCluster;
import dev.mailwright.outbox.EntryEvent;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxBuilder;
import dev.mailwright.outbox.OutboxListener;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.TestDatabases;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.SendResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Drain: notifications into Postfix's {@code smtp-sink}, sent by the outbox's workers (entries
 * enqueued beforehand; the clock runs from the workers' start to the last recorded outcome) against
 * the same notifications sent directly with {@code NotificationMailer.send} from as many threads as
 * the outbox has workers, over as many pooled connections, in one run with interleaved rounds. The
 * direct path composes on the sending threads; the outbox composed at enqueue and, per message,
 * claims and records its outcome durably. Target: the embedded store at least 0.7 of direct.
 *
 * <p>Run (needs postfix's smtp-sink, and postgresql-15 for the PostgreSQL row):
 * <pre>
 * mvn -B -q -o -pl benchmarks -am -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.outbox.OutboxDrainBenchmark 3000 3 4 /var/tmp
 * </pre>
 * Arguments: notifications per scenario and round (default 3000), rounds (default 3), workers and
 * connections (default 4), the directory of the embedded store (default /var/tmp), and optionally
 * one of {@code direct}, {@code embedded}, {@code postgresql} to run only that scenario (profiling).
 */
public final class OutboxDrainBenchmark {
    private static final String DIRECT = "direct NotificationMailer.send, ";
    private OutboxDrainBenchmark() {
    }

    /** @param args notifications, rounds, workers, directory */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path base = Files.createTempDirectory(Path.of(args.length > 3 ? args[3] : "/var/tmp"), "outbox-drain-");
        String only = args.length > 4 ? args[4] : "";
        OutboxBench.uptime("start");
        int port = Peers.freePort();
        String sink = Peers.require("smtp-sink", "postfix").toString();
        try (Peers.PeerProcess ignored = Peers.start(port, List.of(sink, "-u", "nobody", "127.0.0.1:" + port, "1000"));
             PostgresCluster cluster = PostgresCluster.start()) {
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            int[] next = {0};
            // every round's entries are enqueued before the first round, so that the rounds alternate
            // only sending, as a server does, and not enqueueing then draining (which makes the JIT
            // recompile at each switch); round 0 warms the JIT up and is not counted
            Path dir = base.resolve("embedded");
            HikariDataSource db = TestDatabases.pool(cluster, cluster.createDatabase("drain"), workers + 4);
            // a node stopped after n entries has sent up to its in-flight window more
            int total = (rounds + 1) * (n + 2 * OutboxBuilder.DEFAULT_IN_FLIGHT);
            boolean embedded = "embedded".contains(only) || only.isEmpty();
            boolean postgres = "postgresql".contains(only) || only.isEmpty();
            if (embedded) {
                fill(() -> OutboxStores.embedded(dir), port, total, next);
            }
            if (postgres) {
                fill(() -> OutboxStores.postgres(db), port, total, next);
            }
            for (int r = 0; r <= rounds; r++) {
                if ("direct".contains(only) || only.isEmpty()) {
                    record(rates, r, DIRECT + workers + " threads", direct(port, workers, n, next));
                }
                if (embedded) {
                    record(rates, r, "outbox, embedded default, " + workers + " workers",
                            drain(() -> OutboxStores.embedded(dir), port, workers, n));
                }
                if (postgres) {
                    record(rates, r, "outbox, postgresql 15, " + workers + " workers",
                            drain(() -> OutboxStores.postgres(db), port, workers, n));
                }
            }
            db.close();
            OutboxBench.printMedians(rates, "messages/s");
            List<Double> directRates = rates.get(DIRECT + workers + " threads");
            double direct = directRates == null ? Double.NaN : OutboxBench.median(directRates);
            rates.forEach((k, v) -> System.out.printf(Locale.ROOT, "%s: %.2f of direct%n", k, OutboxBench.median(v) / direct));
        } finally {
            OutboxBench.uptime("end");
            OutboxBench.deleteTree(base);
        }
    }

    private static double direct(int port, int threads, int n, int[] next) throws Exception {
        int first = next[0];
        next[0] += n;
        try (NotificationMailer mailer = NotificationMailer.builder().settings(Fixtures.settings(port)).keyRing(Fixtures.KEYS)
                .transport(Fixtures.transport(port, threads)).build()) {
            long cpu0 = OutboxBench.cpuNanos();
            double rate = OutboxBench.rate(threads, n, first, i -> {
                SendResult r = mailer.send(Fixtures.notification(i, "example.com"));
                if (!r.isSent()) {
                    throw new IllegalStateException("not sent: " + r);
                }
            });
            OutboxBench.cpuPerMessage("direct", cpu0, n);
            return rate;
        }
    }

    private static void fill(Supplier<OutboxStore> stores, int port, int n, int[] next) throws Exception {
        int first = next[0];
        next[0] += n;
        try (Outbox filler = Outbox.builder().store(stores.get()).mailer(Fixtures.mailer(port)).workers(0).build()) {
            filler.migrate();
            OutboxBench.rate(8, n, first, i -> filler.enqueue(Fixtures.notification(i, "example.com")));
        }
    }

    /** Starts a node on a filled store and times it until {@code n} more entries are recorded as sent. */
    private static double drain(Supplier<OutboxStore> stores, int port, int workers, int n) throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        OutboxListener counting = new OutboxListener() {
            @Override
            public void sent(EntryEvent event, String queueId) {
                done.countDown();
            }
        };
        try (Outbox o = Outbox.builder().store(stores.get()).transport(Fixtures.transport(port, workers)).workers(workers)
                .listener(counting).pollInterval(Duration.ofMillis(20)).build()) {
            long cpu0 = OutboxBench.cpuNanos();
            Map<String, Long> threads0 = OutboxBench.threadCpu();
            long t0 = System.nanoTime();
            o.start();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the outbox did not drain: " + o.admin().status());
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            OutboxBench.cpuPerMessage("outbox " + o, cpu0, n);
            if (Boolean.getBoolean("bench.threads")) {
                OutboxBench.threadCpuPerMessage(threads0, n);
            }
            return rate;
        }
    }

    private static void record(Map<String, List<Double>> rates, int round, String name, double rate) {
        if (round == 0) {
            return;
        }
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
        System.out.printf(Locale.ROOT, "round %d  %-48s %8.0f messages/s%n", round, name, rate);
    }
}
