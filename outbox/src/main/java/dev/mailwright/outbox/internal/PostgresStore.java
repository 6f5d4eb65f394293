package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.Enqueued;
import dev.mailwright.outbox.spi.NewEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox in PostgreSQL through plain JDBC, shared by any number of nodes: claims lock their rows
 * with {@code FOR UPDATE SKIP LOCKED} so that two nodes never lease one entry, and a lease that is
 * not renewed expires so that another node takes over a dead node's entries. Each operation borrows
 * a connection from the host's {@link DataSource} (give it a pooled one) and returns it.
 */
public final class PostgresStore extends JdbcStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    /** The advisory lock that serialises migrations across nodes ("mailwrig" in ASCII). */
    private static final long MIGRATION_LOCK = 0x6d61696c77726967L;

    private final DataSource dataSource;
    private final String description;

    /**
     * @param dataSource a pooled data source for the database that holds (or will hold) the outbox's tables
     * @param description where it is, for messages; never a secret
     */
    public PostgresStore(DataSource dataSource, String description) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    <T> T write(String what, boolean durable, Work<T> work) {
        try {
            return PgTransactions.run(dataSource, durable, work);
        } catch (SQLException e) {
            throw StoreErrors.wrap(what, description, e);
        }
    }

    @Override
    <T> T read(String what, Work<T> work) {
        return write(what, false, work);
    }

    @Override
    String claimLock() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public Enqueued enqueue(Connection transaction, NewEntry entry) {
        Objects.requireNonNull(transaction, "transaction");
        try {
            return insert(transaction, entry);
        } catch (SQLException e) {
            throw StoreErrors.wrap("enqueue in the host's transaction", description, e);
        }
    }

    @Override
    public void migrate() {
        int applied = write("migrate", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            }
            return new Migrator("mailwright-postgresql", Migrator.POSTGRESQL).migrate(c);
        });
        LOG.info("outbox schema in {}: {} version(s) applied", description, applied);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        // the data source is the host's: it closes it
    }
}
