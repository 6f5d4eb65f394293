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
     * @param db the outbox's database
     * @param owner a node's id
     * @return how many entries are leased to that node: its entries in flight
     */
    public static long leasedBy(javax.sql.DataSource db, String owner) {
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM mailwright_outbox WHERE state = 'leased' AND lease_owner = ?")) {
            ps.setString(1, owner);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("cannot count the leases of " + owner + ": " + e, e);
        }
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
