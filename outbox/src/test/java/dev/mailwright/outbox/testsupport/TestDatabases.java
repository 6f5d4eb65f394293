package dev.mailwright.outbox.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.core.testing.PostgresCluster;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One private PostgreSQL cluster for the whole test JVM (started on first use, stopped at exit) and
 * a fresh database per test, reached through a HikariCP pool.
 */
public final class TestDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static PostgresCluster cluster;

    private TestDatabases() {
    }

    /** @return the shared cluster */
    public static synchronized PostgresCluster cluster() {
        if (cluster == null) {
            cluster = PostgresCluster.start();
        }
        return cluster;
    }

    /** @return a pool on a new, empty database of the shared cluster; close it */
    public static HikariDataSource fresh() {
        PostgresCluster c = cluster();
        return pool(c, c.createDatabase("outbox_" + NEXT.incrementAndGet()), 10);
    }

    /**
     * @param c a cluster
     * @param url a database's URL
     * @param size the pool's size
     * @return a pool on it
     */
    public static HikariDataSource pool(PostgresCluster c, String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgresCluster.USER);
        config.setPassword(c.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("outbox-test");
        return new HikariDataSource(config);
    }
}
