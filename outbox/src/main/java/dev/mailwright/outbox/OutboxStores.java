package dev.mailwright.outbox;

import dev.mailwright.outbox.internal.PostgresStore;
import dev.mailwright.outbox.internal.SqliteStore;
import dev.mailwright.outbox.spi.OutboxStore;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;

/** The built-in stores. */
public final class OutboxStores {
    private OutboxStores() {
    }

    /**
     * The embedded default for one node: a SQLite file {@code outbox.db} in the directory (created,
     * and its schema applied, when missing). A commit returns once it is synced to disk; concurrent
     * enqueues share one sync.
     *
     * @param directory a directory of the host's, such as {@code /var/lib/forge/outbox}
     * @return the store; {@link Outbox#close()} closes it
     * @throws OutboxException when the directory cannot be used
     */
    public static OutboxStore embedded(Path directory) {
        return SqliteStore.open(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * PostgreSQL, shared by any number of nodes. The tables come from {@link Outbox#migrate()} or from
     * the host's Flyway or Liquibase ({@code classpath:db/mailwright-postgresql}).
     *
     * @param dataSource a pooled data source (HikariCP, the application server's); the host closes it
     * @return the store
     */
    public static OutboxStore postgres(DataSource dataSource) {
        return postgres(dataSource, "postgresql (" + dataSource.getClass().getSimpleName() + ")");
    }

    /**
     * @param dataSource a pooled data source
     * @param description where it is, for logs and messages, such as the JDBC URL without credentials
     * @return the store
     */
    public static OutboxStore postgres(DataSource dataSource, String description) {
        return new PostgresStore(dataSource, description);
    }
}
