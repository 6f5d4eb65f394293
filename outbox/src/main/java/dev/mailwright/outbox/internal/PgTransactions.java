package dev.mailwright.outbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL transaction on a connection borrowed from the host's pool: committed when the work
 * returns, rolled back when it throws, the connection's auto-commit restored before it goes back.
 */
final class PgTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(PgTransactions.class);

    private PgTransactions() {
    }

    /**
     * @param dataSource the pool
     * @param durable false to commit without waiting for the WAL flush (reads, bookkeeping)
     * @param work the work
     * @param <T> its result
     * @return its result, committed
     * @throws SQLException when the database fails (the transaction is rolled back)
     */
    static <T> T run(DataSource dataSource, boolean durable, JdbcStore.Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (!durable) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCAL synchronous_commit TO OFF");
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                restore(c, auto);
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed on a broken connection", e);
        }
    }

    private static void restore(Connection c, boolean auto) {
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            LOG.debug("cannot restore auto-commit on a broken connection", e);
        }
    }
}
