package dev.mailwright.benchmarks.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.testing.PostgresCluster;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.outbox.spi.NewEntry;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.TestDatabases;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.spi.OutgoingMessage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enqueue: entries per second, one thread and 8 threads, each call returning only once the entry is
 * durable, on the candidates for the outbox's embedded store and on PostgreSQL, in one run with
 * interleaved rounds. Store level (a composed entry stored): the embedded default (SQLite, WAL,
 * {@code synchronous=FULL}, group commit), SQLite without group commit (one auto-committed
 * INSERT per call on a connection per thread), H2 2.5 with its defaults (which does not sync at
 * commit: not durable on return, measured for the record), embedded PostgreSQL 17 (zonky, fsync
 * and synchronous_commit on), PostgreSQL 15 (a private cluster of the system's server), and the
 * ceiling of a spool-style journal (append plus a shared {@code fdatasync}, no index). Then the
 * whole {@code Outbox.enqueue} (composing included) on the embedded default and on PostgreSQL 15:
 * the target is at least 5,000 entries per second with 8 threads on the embedded store.
 *
 * <p>Run (as root or as a user that may run PostgreSQL; needs postgresql-15):
 * <pre>
 * mvn -B -q -o -pl benchmarks -am -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.outbox.OutboxEnqueueBenchmark 4000 3 /var/tmp
 * </pre>
 * Arguments: entries per scenario and round (default 4000), rounds (default 3), the directory of
 * the file-based stores (default /var/tmp, on the disk to measure).
 */
public final class OutboxEnqueueBenchmark {
    private static final int[] THREADS = {1, 8};

    private OutboxEnqueueBenchmark() {
    }

    /** @param args entries per scenario, rounds, directory */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path base = Files.createTempDirectory(Path.of(args.length > 2 ? args[2] : "/var/tmp"), "outbox-bench-");
        uptimeAndRun(n, rounds, base);
    }

    private static void uptimeAndRun(int n, int rounds, Path base) throws Exception {
        OutboxBench.uptime("start");
        NotificationMailer composer = Fixtures.mailer(25);
        OutgoingMessage m = composer.compose(Fixtures.notification(1, "example.com"));
        System.out.printf(Locale.ROOT, "entry: %d bytes of message%n", m.size());
        try (PostgresCluster cluster = PostgresCluster.start();
             HikariDataSource pg = TestDatabases.pool(cluster, cluster.createDatabase("enqueue"), 16);
             EmbeddedPostgres zonky = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                     .setServerConfig("synchronous_commit", "on").start();
             HikariDataSource zonkyPool = pool(zonky)) {
            Map<String, EnqueueCandidates.Candidate> candidates = new LinkedHashMap<>();
            candidates.put("sqlite, group commit (embedded default)", EnqueueCandidates.store(OutboxStores.embedded(base.resolve("sqlite"))));
            candidates.put("sqlite, a commit per call", new EnqueueCandidates.RawJdbc("jdbc:sqlite:" + base.resolve("raw.db")
                    + "?journal_mode=WAL&synchronous=FULL&busy_timeout=60000"));
            candidates.put("h2 2.5 defaults (no sync at commit)", new EnqueueCandidates.RawJdbc("jdbc:h2:file:" + base.resolve("h2")));
            candidates.put("embedded postgresql 17 (zonky)", EnqueueCandidates.store(migrated(OutboxStores.postgres(zonkyPool))));
            candidates.put("postgresql 15 (system)", EnqueueCandidates.store(migrated(OutboxStores.postgres(pg))));
            candidates.put("journal ceiling (append + shared fdatasync)",
                    new EnqueueCandidates.Journal(base.resolve("journal"), (long) (rounds * THREADS.length + 1) * n * (m.size() + 200)));
            Outbox embedded = Outbox.builder().store(OutboxStores.embedded(base.resolve("outbox"))).mailer(composer).workers(0).build();
            Outbox onPg = Outbox.builder().store(OutboxStores.postgres(pg)).mailer(Fixtures.mailer(25)).workers(0).build();
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            AtomicInteger offset = new AtomicInteger();
            for (int r = 0; r <= rounds; r++) {
                for (int threads : THREADS) {
                    for (Map.Entry<String, EnqueueCandidates.Candidate> c : candidates.entrySet()) {
                        int o = offset.getAndAdd(n);
                        double rate = OutboxBench.rate(threads, r == 0 ? n / 4 : n, o, i -> c.getValue().enqueue(entry(m, i)));
                        record(rates, r, c.getKey() + ", " + threads + " thread(s)", rate);
                    }
                    record(rates, r, "Outbox.enqueue, embedded default, " + threads + " thread(s)", OutboxBench.rate(threads,
                            r == 0 ? n / 4 : n, offset.getAndAdd(n), i -> embedded.enqueue(notification(i))));
                    record(rates, r, "Outbox.enqueue, postgresql 15, " + threads + " thread(s)", OutboxBench.rate(threads,
                            r == 0 ? n / 4 : n, offset.getAndAdd(n), i -> onPg.enqueue(notification(i))));
                }
            }
            embedded.close();
            onPg.close();
            for (EnqueueCandidates.Candidate c : candidates.values()) {
                c.close();
            }
            OutboxBench.printMedians(rates, "entries/s");
        } finally {
            OutboxBench.uptime("end");
            OutboxBench.deleteTree(base);
        }
    }

    private static void record(Map<String, List<Double>> rates, int round, String name, double rate) {
        if (round == 0) {
            return; // warm-up
        }
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
        System.out.printf(Locale.ROOT, "round %d  %-62s %8.0f entries/s%n", round, name, rate);
    }

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private static NewEntry entry(OutgoingMessage m, int i) {
        return new NewEntry("bench-" + i, "example.com", "user" + i + "@example.com", m.envelopeFrom(), m.messageId(),
                "[octo/hello] bench", m.content(), T, T);
    }

    private static Notification notification(int i) {
        return Fixtures.notification(i, "example.com");
    }

    private static OutboxStore migrated(OutboxStore s) {
        s.migrate();
        return s;
    }

    private static HikariDataSource pool(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setMaximumPoolSize(16);
        return ds;
    }
}
