package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.LastFailure;
import dev.mailwright.outbox.OutboxEntry;
import dev.mailwright.outbox.spi.ClaimedEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The columns the store reads and the WHERE clause of a filter, shared by SQLite and PostgreSQL. */
final class Rows {
    static final String FAILURE = "failure_category, failure_code, failure_status, failure_detail";
    static final String CLAIMED = "id, domain, recipient, envelope_from, message_id, created_at_ms, lifetime_from_ms,"
            + " due_at_ms, attempts, " + FAILURE;
    static final String LISTED = "id, idempotency_key, state, recipient, domain, message_id, summary, created_at_ms, due_at_ms,"
            + " attempts, lease_owner, finished_at_ms, queue_id, " + FAILURE;

    private Rows() {
    }

    static ClaimedEntry claimed(ResultSet rs, byte[] content) throws SQLException {
        return new ClaimedEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                content, Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                Instant.ofEpochMilli(rs.getLong(8)), rs.getInt(9), failure(rs, 10));
    }

    static OutboxEntry listed(ResultSet rs) throws SQLException {
        return new OutboxEntry(rs.getLong(1), rs.getString(2), EntryState.of(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9)), rs.getInt(10), rs.getString(11), instant(rs, 12), rs.getString(13),
                failure(rs, 14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static LastFailure failure(ResultSet rs, int first) throws SQLException {
        String category = rs.getString(first);
        if (category == null) {
            return null;
        }
        String detail = rs.getString(first + 3);
        return new LastFailure(category, rs.getInt(first + 1), rs.getString(first + 2), detail == null ? "" : detail);
    }

    /** Binds a failure's four columns from {@code index} on; a null failure binds nulls. */
    static int bindFailure(PreparedStatement ps, int index, LastFailure f) throws SQLException {
        if (f == null) {
            ps.setNull(index, Types.VARCHAR);
            ps.setNull(index + 1, Types.INTEGER);
            ps.setNull(index + 2, Types.VARCHAR);
            ps.setNull(index + 3, Types.VARCHAR);
        } else {
            ps.setString(index, f.category());
            if (f.replyCode() == 0) {
                ps.setNull(index + 1, Types.INTEGER);
            } else {
                ps.setInt(index + 1, f.replyCode());
            }
            ps.setString(index + 2, f.enhancedStatus());
            ps.setString(index + 3, f.detail());
        }
        return index + 4;
    }

    static void bindNullableLong(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, t.toEpochMilli());
        }
    }

    /**
     * A WHERE clause for a filter, restricted to some states.
     *
     * @param filter the filter
     * @param allowed the states the operation may touch
     * @return the clause (without WHERE) and its parameters, or null when no state is left
     */
    static Where where(EntryFilter filter, Set<EntryState> allowed) {
        List<Object> params = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (EntryState s : EntryState.values()) {
            if (filter.states().contains(s) && allowed.contains(s)) {
                states.add("?");
                params.add(s.code());
            }
        }
        if (states.isEmpty()) {
            return null;
        }
        StringBuilder sql = new StringBuilder("state IN (").append(String.join(", ", states)).append(')');
        if (filter.domain() != null) {
            sql.append(" AND domain = ?");
            params.add(filter.domain());
        }
        if (filter.before() != null) {
            sql.append(" AND COALESCE(finished_at_ms, created_at_ms) < ?");
            params.add(filter.before().toEpochMilli());
        }
        if (filter.id() != null) {
            sql.append(" AND id = ?");
            params.add(filter.id());
        }
        return new Where(sql.toString(), List.copyOf(params));
    }

    /** A WHERE clause and its parameters. */
    record Where(String sql, List<Object> params) {
        int bind(PreparedStatement ps, int index) throws SQLException {
            int i = index;
            for (Object p : params) {
                if (p instanceof Long l) {
                    ps.setLong(i++, l);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
            return i;
        }
    }
}
