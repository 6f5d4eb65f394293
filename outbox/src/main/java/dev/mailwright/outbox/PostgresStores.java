package dev.mailwright.outbox;

import dev.mailwright.core.spi.DeliveryLedger;
import dev.mailwright.core.spi.NoticeThrottle;
import dev.mailwright.core.spi.SuppressionStore;
import dev.mailwright.outbox.internal.PgDeliveryLedger;
import dev.mailwright.outbox.internal.PgNoticeThrottle;
import dev.mailwright.outbox.internal.PgSuppressionStore;
import dev.mailwright.outbox.internal.PostgresStore;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The state several nodes share besides the outbox, on the outbox's PostgreSQL database: the
 * inbound pipeline's delivery ledger and rejection-notice throttle
 * ({@code InboundPipeline.Builder.deliveryLedger}, {@code noticeThrottle}) and the suppression list's
 * store ({@code SuppressionList.Builder.store}). Their tables are version 2 of
 * {@code db/mailwright-postgresql}, applied by {@link Outbox#migrate()}, by {@link #migrate} or by the
 * host's Flyway or Liquibase.
 *
 * <pre>{@code
 * PostgresStores.migrate(dataSource);
 * InboundPipeline pipeline = InboundPipeline.builder().settings(settings).keyRing(keys).handler(handler)
 *         .deliveryLedger(PostgresStores.deliveryLedger(dataSource))
 *         .noticeThrottle(PostgresStores.noticeThrottle(dataSource)).build();
 * }</pre>
 */
public final class PostgresStores {
    private PostgresStores() {
    }

    /**
     * Applies Mailwright's PostgreSQL schema (every version: the outbox's tables and these) for a
     * host that uses neither an {@link Outbox} nor Flyway or Liquibase; the same as {@link Outbox#migrate()}.
     *
     * @param dataSource a pool on the database
     */
    public static void migrate(DataSource dataSource) {
        new PostgresStore(Objects.requireNonNull(dataSource, "dataSource"), describe(dataSource)).migrate();
    }

    /**
     * A delivery ledger for pipelines on several nodes: each reply is handed to a handler once across
     * all of them. It keeps one connection of the pool for as long as it is open (its liveness: the
     * server releases it when the node dies); the pipeline closes it.
     *
     * @param dataSource a pool on the database; the host closes it
     * @return the ledger
     * @throws OutboxStoreException when the database cannot be reached
     */
    public static DeliveryLedger deliveryLedger(DataSource dataSource) {
        return new PgDeliveryLedger(Objects.requireNonNull(dataSource, "dataSource"), describe(dataSource), Clock.systemUTC());
    }

    /**
     * @param dataSource a pool on the database; the host closes it
     * @return a throttle granting one rejection notice per sender and reason per UTC day across nodes
     */
    public static NoticeThrottle noticeThrottle(DataSource dataSource) {
        return noticeThrottle(dataSource, Clock.systemUTC());
    }

    /**
     * @param dataSource a pool on the database; the host closes it
     * @param clock decides the day (tests)
     * @return a throttle granting one rejection notice per sender and reason per UTC day across nodes
     */
    public static NoticeThrottle noticeThrottle(DataSource dataSource, Clock clock) {
        return new PgNoticeThrottle(Objects.requireNonNull(dataSource, "dataSource"), describe(dataSource),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * @param dataSource a pool on the database; the host closes it
     * @return a suppression store shared by every node; updates of one address never lose one another
     */
    public static SuppressionStore suppressionStore(DataSource dataSource) {
        return new PgSuppressionStore(Objects.requireNonNull(dataSource, "dataSource"), describe(dataSource));
    }

    private static String describe(DataSource dataSource) {
        return "postgresql (" + dataSource.getClass().getSimpleName() + ")";
    }
}
