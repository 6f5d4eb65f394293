package dev.mailwright.outbox.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.outbox.RetrySchedule;
import java.time.Duration;

/**
 * A worker node in its own JVM, for the tests that kill one with SIGKILL and for the scale-out
 * benchmark: {@code WorkerNodeMain JDBC_URL RELAY_PORT NODE_ID WORKERS LEASE_MS}, the database's
 * user and password in {@code MAILWRIGHT_JDBC_USER} and {@code MAILWRIGHT_JDBC_PASSWORD}. Prints
 * {@code ready} once its workers run, then runs until killed (SIGTERM closes it cleanly).
 */
public final class WorkerNodeMain {
    private WorkerNodeMain() {
    }

    /** @param args the JDBC URL, the relay's port, the node id, the worker count, the lease in ms */
    public static void main(String[] args) throws Exception {
        int workers = Integer.parseInt(args[3]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(System.getenv("MAILWRIGHT_JDBC_USER"));
        config.setPassword(System.getenv("MAILWRIGHT_JDBC_PASSWORD"));
        config.setMaximumPoolSize(workers + 3);
        config.setPoolName("worker-" + args[2]);
        HikariDataSource db = new HikariDataSource(config);
        Outbox outbox = Outbox.builder().store(OutboxStores.postgres(db)).transport(Fixtures.transport(Integer.parseInt(args[1]),
                workers)).workers(workers).nodeId(args[2]).lease(Duration.ofMillis(Long.parseLong(args[4])))
                .pollInterval(Duration.ofMillis(50))
                .retry(new RetrySchedule(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(10))).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            outbox.close();
            db.close();
        }));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
