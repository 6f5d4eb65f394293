package dev.mailwright.outbox.internal;

import dev.mailwright.core.spi.NoticeThrottle;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rejection-notice throttle in PostgreSQL, shared by the pipelines of any number of nodes: a
 * notice is granted by inserting (sender and reason hashed, UTC day) into
 * {@code mailwright_inbound_notice}; the primary key lets exactly one node's insert through. Rows
 * of earlier days are deleted when a node sees the day change.
 */
public final class PgNoticeThrottle implements NoticeThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(PgNoticeThrottle.class);

    private final DataSource dataSource;
    private final String description;
    private final Clock clock;
    private volatile LocalDate cleaned;

    /**
     * @param dataSource the pool of the database holding {@code mailwright_inbound_notice}
     * @param description where it is, for messages; never a secret
     * @param clock decides the day
     */
    public PgNoticeThrottle(DataSource dataSource, String description, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.description = Objects.requireNonNull(description, "description");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean tryAcquire(String sender, String code) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            return PgTransactions.run(dataSource, true, c -> {
                if (!today.equals(cleaned)) {
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM mailwright_inbound_notice WHERE notice_day < ?")) {
                        del.setDate(1, Date.valueOf(today));
                        del.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailwright_inbound_notice (notice_key, notice_day)"
                        + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    ps.setString(1, NoticeThrottle.key(sender, code));
                    ps.setDate(2, Date.valueOf(today));
                    boolean granted = ps.executeUpdate() == 1;
                    cleaned = today;
                    return granted;
                }
            });
        } catch (SQLException e) {
            LOG.warn("No rejection notice sent to {} ({}): cannot record it in {}: {}", sender, code, description,
                    StoreErrors.wrap("record a rejection notice", description, e).getMessage());
            return false;
        }
    }

    @Override
    public String toString() {
        return "PgNoticeThrottle[" + description + "]";
    }
}
