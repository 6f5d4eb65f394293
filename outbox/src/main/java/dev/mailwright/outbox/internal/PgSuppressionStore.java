package dev.mailwright.outbox.internal;

import dev.mailwright.core.spi.SuppressionStore;
import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.core.suppression.SuppressionEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The suppression list in PostgreSQL ({@code mailwright_suppression}), shared by every node. An
 * update runs in one transaction: an empty row is inserted when the address has none
 * ({@code ON CONFLICT DO NOTHING}, so that there is always a row to lock), the row is locked with
 * {@code SELECT ... FOR UPDATE}, changed and written back; two nodes updating one address queue on
 * the row lock and never lose each other's change.
 */
public final class PgSuppressionStore implements SuppressionStore {
    private static final String COLUMNS = "address, score, hard_bounces, soft_bounces, complaints, last_event_at_ms,"
            + " last_problem, last_detail, last_event_id, suppressed_at_ms";

    private final DataSource dataSource;
    private final String description;

    /**
     * @param dataSource the pool of the database holding {@code mailwright_suppression}
     * @param description where it is, for messages; never a secret
     */
    public PgSuppressionStore(DataSource dataSource, String description) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public Optional<SuppressionEntry> find(String address) {
        return run("read the entry of " + address, false, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM mailwright_suppression WHERE address = ?")) {
                ps.setString(1, address);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public SuppressionEntry update(String address, UnaryOperator<SuppressionEntry> change) {
        Objects.requireNonNull(change, "change");
        return run("update the entry of " + address, true, c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO mailwright_suppression (address) VALUES (?)"
                    + " ON CONFLICT (address) DO NOTHING")) {
                ins.setString(1, address);
                ins.executeUpdate();
            }
            SuppressionEntry current;
            try (PreparedStatement sel = c.prepareStatement("SELECT " + COLUMNS + " FROM mailwright_suppression"
                    + " WHERE address = ? FOR UPDATE")) {
                sel.setString(1, address);
                try (ResultSet rs = sel.executeQuery()) {
                    rs.next();
                    current = entry(rs);
                }
            }
            SuppressionEntry next = change.apply(current);
            if (!next.address().equals(current.address())) {
                throw new IllegalArgumentException("a suppression update changed the address " + address + " to "
                        + next.address());
            }
            write(c, next);
            return next;
        });
    }

    private static void write(Connection c, SuppressionEntry e) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE mailwright_suppression SET score = ?, hard_bounces = ?,"
                + " soft_bounces = ?, complaints = ?, last_event_at_ms = ?, last_problem = ?, last_detail = ?,"
                + " last_event_id = ?, suppressed_at_ms = ? WHERE address = ?")) {
            up.setInt(1, e.score());
            up.setInt(2, e.hardBounces());
            up.setInt(3, e.softBounces());
            up.setInt(4, e.complaints());
            setMillis(up, 5, e.lastEventAt());
            up.setString(6, e.lastProblem() == null ? null : e.lastProblem().name());
            up.setString(7, e.lastDetail());
            up.setString(8, e.lastEventId());
            setMillis(up, 9, e.suppressedAt());
            up.setString(10, e.address());
            up.executeUpdate();
        }
    }

    @Override
    public boolean remove(String address) {
        return run("lift " + address, true, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM mailwright_suppression WHERE address = ?")) {
                ps.setString(1, address);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<SuppressionEntry> entries() {
        return run("list the entries", false, c -> {
            List<SuppressionEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM mailwright_suppression"
                    + " ORDER BY address COLLATE \"C\""); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        });
    }

    private static SuppressionEntry entry(ResultSet rs) throws SQLException {
        String problem = rs.getString(7);
        return new SuppressionEntry(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), instant(rs, 6),
                problem == null ? null : DeliveryProblem.valueOf(problem), rs.getString(8), rs.getString(9), instant(rs, 10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static void setMillis(PreparedStatement ps, int column, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(column, Types.BIGINT);
        } else {
            ps.setLong(column, at.toEpochMilli());
        }
    }

    private <T> T run(String what, boolean durable, JdbcStore.Work<T> work) {
        try {
            return PgTransactions.run(dataSource, durable, work);
        } catch (SQLException e) {
            throw StoreErrors.wrap(what + " in the suppression list", description, e);
        }
    }

    @Override
    public void close() {
        // the data source is the host's: it closes it
    }

    @Override
    public String toString() {
        return "PgSuppressionStore[" + description + "]";
    }
}
