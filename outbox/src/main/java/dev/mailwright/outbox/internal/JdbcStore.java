package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.Enqueued;
import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.OutboxEntry;
import dev.mailwright.outbox.OutboxStatus;
import dev.mailwright.outbox.spi.ClaimRequest;
import dev.mailwright.outbox.spi.ClaimedEntry;
import dev.mailwright.outbox.spi.NewEntry;
import dev.mailwright.outbox.spi.Outcome;
import dev.mailwright.outbox.spi.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox's SQL, shared by the SQLite and PostgreSQL stores: subclasses say how a transaction
 * runs and how a claim locks its rows.
 */
abstract class JdbcStore implements OutboxStore {
    private static final String INSERT = "INSERT INTO mailwright_outbox (idempotency_key, state, domain, recipient,"
            + " envelope_from, message_id, summary, created_at_ms, lifetime_from_ms, due_at_ms, attempts)"
            + " VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id";
    private static final String SETTLE = "UPDATE mailwright_outbox SET state = ?, due_at_ms = ?, finished_at_ms = ?,"
            + " queue_id = ?, attempts = ?,"
            + " failure_category = ?, failure_code = ?, failure_status = ?, failure_detail = ?,"
            + " lease_owner = NULL, lease_until_ms = NULL WHERE id = ? AND state = 'leased' AND lease_owner = ?";
    private static final Set<EntryState> RETRYABLE = EnumSet.of(EntryState.FAILED, EntryState.DEAD);
    private static final Set<EntryState> PURGEABLE = EnumSet.complementOf(EnumSet.of(EntryState.LEASED));

    /** One unit of work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs work in a committed transaction; throws {@link dev.mailwright.outbox.OutboxStoreException}.
     *
     * @param durable false for work whose loss in a crash of the machine loses no entry (a claim, a
     *     lease renewal, an outcome: the entry is queued again, or leased until its lease expires, and
     *     sent again): its commit does not wait for a sync; a later durable commit (an enqueue) makes
     *     it durable too, the log being written in order
     */
    abstract <T> T write(String what, boolean durable, Work<T> work);

    final <T> T write(String what, Work<T> work) {
        return write(what, true, work);
    }

    /** Runs read-only work. */
    abstract <T> T read(String what, Work<T> work);

    /** @return what follows the claim's inner SELECT: a row lock for several nodes, or nothing */
    abstract String claimLock();

    @Override
    public Enqueued enqueue(NewEntry entry) {
        return write("enqueue", c -> insert(c, entry));
    }

    static Enqueued insert(Connection c, NewEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, e.idempotencyKey());
            ps.setString(2, e.domain());
            ps.setString(3, e.recipient());
            ps.setString(4, e.envelopeFrom());
            ps.setString(5, e.messageId());
            ps.setString(6, e.summary());
            ps.setLong(7, e.createdAt().toEpochMilli());
            ps.setLong(8, e.createdAt().toEpochMilli());
            ps.setLong(9, e.dueAt().toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    insertMessage(c, id, e.content());
                    return new Enqueued(id, e.idempotencyKey(), false);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM mailwright_outbox WHERE idempotency_key = ?")) {
            ps.setString(1, e.idempotencyKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("entry with key " + e.idempotencyKey() + " neither inserted nor found");
                }
                return new Enqueued(rs.getLong(1), e.idempotencyKey(), true);
            }
        }
    }

    private static void insertMessage(Connection c, long id, byte[] content) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailwright_outbox_message (id, content) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setBytes(2, content);
            ps.executeUpdate();
        }
    }

    /** When this process next looks for expired leases (a takeover waits at most a second more). */
    private final java.util.concurrent.atomic.AtomicLong nextExpiredCheck = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public List<ClaimedEntry> claim(ClaimRequest r) {
        long now = r.now().toEpochMilli();
        long due = nextExpiredCheck.get();
        boolean expired = now >= due && nextExpiredCheck.compareAndSet(due, now + 1000);
        return write("claim", false, c -> {
            List<ClaimedEntry> got = new ArrayList<>(expired
                    ? claimWhere(c, r, "state = 'leased' AND lease_until_ms < ?", r.limit()) : List.of());
            if (got.size() < r.limit()) {
                got.addAll(claimWhere(c, r, "state = 'queued' AND due_at_ms <= ?", r.limit() - got.size()));
            }
            got.sort(Comparator.comparing(ClaimedEntry::dueAt).thenComparingLong(ClaimedEntry::id));
            return got;
        });
    }

    private List<ClaimedEntry> claimWhere(Connection c, ClaimRequest r, String condition, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE mailwright_outbox SET state = 'leased', lease_owner = ?,"
                + " lease_until_ms = ?, attempts = attempts + 1 WHERE id IN (SELECT id FROM mailwright_outbox WHERE ")
                .append(condition);
        if (!r.excludedDomains().isEmpty()) {
            sql.append(" AND domain NOT IN (").append(String.join(", ", Collections.nCopies(
                    r.excludedDomains().size(), "?"))).append(')');
        }
        sql.append(" ORDER BY due_at_ms, id LIMIT ?").append(claimLock()).append(") RETURNING ").append(Rows.CLAIMED);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, r.owner());
            ps.setLong(i++, r.leaseUntil().toEpochMilli());
            ps.setLong(i++, r.now().toEpochMilli());
            for (String d : r.excludedDomains()) {
                ps.setString(i++, d);
            }
            ps.setInt(i, limit);
            List<ClaimedEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Rows.claimed(rs, EMPTY));
                }
            }
            return withContent(c, out);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    /** Reads the claimed entries' messages: one query for the batch. */
    private static List<ClaimedEntry> withContent(Connection c, List<ClaimedEntry> claimed) throws SQLException {
        if (claimed.isEmpty()) {
            return claimed;
        }
        Map<Long, byte[]> contents = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, content FROM mailwright_outbox_message WHERE id IN ("
                + String.join(", ", Collections.nCopies(claimed.size(), "?")) + ")")) {
            for (int i = 0; i < claimed.size(); i++) {
                ps.setLong(i + 1, claimed.get(i).id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    contents.put(rs.getLong(1), rs.getBytes(2));
                }
            }
        }
        List<ClaimedEntry> out = new ArrayList<>(claimed.size());
        for (ClaimedEntry e : claimed) {
            byte[] content = contents.get(e.id());
            if (content == null) {
                throw new SQLException("outbox entry " + e.id() + " has no message in mailwright_outbox_message");
            }
            out.add(new ClaimedEntry(e.id(), e.domain(), e.recipient(), e.envelopeFrom(), e.messageId(), content,
                    e.createdAt(), e.lifetimeFrom(), e.dueAt(), e.attempts(), e.lastFailure()));
        }
        return out;
    }

    @Override
    public int renew(String owner, Collection<Long> ids, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Long> list = List.copyOf(ids);
        return write("renew leases", false, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mailwright_outbox SET lease_until_ms = ? WHERE state ="
                    + " 'leased' AND lease_owner = ? AND id IN (" + String.join(", ", Collections.nCopies(list.size(), "?"))
                    + ")")) {
                ps.setLong(1, leaseUntil.toEpochMilli());
                ps.setString(2, owner);
                for (int i = 0; i < list.size(); i++) {
                    ps.setLong(3 + i, list.get(i));
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean[] settle(String owner, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return new boolean[0];
        }
        // an outcome lost with the machine (power, kernel; not a killed process, whose committed
        // writes the operating system or the database server keeps) only sends its entry again
        return write("record outcomes", false, c -> settle(c, owner, outcomes));
    }

    private static boolean[] settle(Connection c, String owner, List<Outcome> outcomes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
            for (Outcome o : outcomes) {
                bindOutcome(ps, owner, o);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            boolean[] done = new boolean[counts.length];
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                done[i] = counts[i] != 0;
                if (done[i] && outcomes.get(i) instanceof Outcome.Sent) {
                    sent.add(outcomes.get(i).entry().id());
                }
            }
            deleteMessages(c, sent);
            return done;
        }
    }

    /** Sent entries keep their row (key, Message-ID, queue id) until the retention ends, not their bytes. */
    private static void deleteMessages(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM mailwright_outbox_message WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            ps.executeUpdate();
        }
    }

    private static void bindOutcome(PreparedStatement ps, String owner, Outcome o) throws SQLException {
        ClaimedEntry e = o.entry();
        Instant due = e.dueAt();
        Instant finished = null;
        String queueId = null;
        int attempts = e.attempts();
        dev.mailwright.outbox.LastFailure failure = e.lastFailure();
        if (o instanceof Outcome.Sent s) {
            finished = s.at();
            queueId = s.queueId();
        } else if (o instanceof Outcome.Deferred d) {
            due = d.nextAttempt();
            failure = d.failure();
        } else if (o instanceof Outcome.Finished f) {
            finished = f.at();
            failure = f.failure();
        } else {
            attempts = Math.max(0, attempts - 1);
        }
        ps.setString(1, o.state().code());
        ps.setLong(2, due.toEpochMilli());
        Rows.bindNullableLong(ps, 3, finished);
        ps.setString(4, queueId);
        ps.setInt(5, attempts);
        int i = Rows.bindFailure(ps, 6, failure);
        ps.setLong(i++, e.id());
        ps.setString(i, owner);
    }

    @Override
    public OutboxStatus status(Instant now) {
        return read("status", c -> {
            Map<EntryState, Long> counts = new EnumMap<>(EntryState.class);
            long oldestDue = Long.MAX_VALUE;
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*), MIN(CASE WHEN state = 'queued' AND"
                    + " due_at_ms <= ? THEN due_at_ms END) FROM mailwright_outbox GROUP BY state")) {
                ps.setLong(1, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(EntryState.of(rs.getString(1)), rs.getLong(2));
                        long due = rs.getLong(3);
                        if (!rs.wasNull()) {
                            oldestDue = Math.min(oldestDue, due);
                        }
                    }
                }
            }
            Duration age = oldestDue == Long.MAX_VALUE ? Duration.ZERO
                    : Duration.ofMillis(Math.max(0, now.toEpochMilli() - oldestDue));
            return new OutboxStatus(counts, age, now);
        });
    }

    @Override
    public List<OutboxEntry> list(EntryFilter filter, int limit) {
        Rows.Where where = Rows.where(filter, EnumSet.allOf(EntryState.class));
        return read("list", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.LISTED + " FROM mailwright_outbox WHERE "
                    + where.sql() + " ORDER BY id LIMIT ?")) {
                ps.setInt(where.bind(ps, 1), limit);
                List<OutboxEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Rows.listed(rs));
                    }
                }
                return out;
            }
        });
    }

    // retry and purge repeat their condition outside the subquery: PostgreSQL re-checks it on a row
    // that a worker changed meanwhile (a queued entry just leased is then left alone)
    @Override
    public int retry(EntryFilter filter, Instant now, int limit) {
        Rows.Where where = Rows.where(filter, RETRYABLE);
        if (where == null) {
            return 0;
        }
        return write("retry", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mailwright_outbox SET state = 'queued', due_at_ms = ?,"
                    + " lifetime_from_ms = ?, attempts = 0, finished_at_ms = NULL WHERE id IN (SELECT id FROM"
                    + " mailwright_outbox WHERE " + where.sql() + " LIMIT ?) AND " + where.sql())) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                int i = where.bind(ps, 3);
                ps.setInt(i, limit);
                where.bind(ps, i + 1);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int purge(EntryFilter filter, int limit) {
        Rows.Where where = Rows.where(filter, PURGEABLE);
        if (where == null) {
            return 0;
        }
        return write("purge", c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM mailwright_outbox WHERE id IN (SELECT id FROM"
                    + " mailwright_outbox WHERE " + where.sql() + " LIMIT ?) AND " + where.sql() + " RETURNING id")) {
                int i = where.bind(ps, 1);
                ps.setInt(i, limit);
                where.bind(ps, i + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            deleteMessages(c, ids);
            return ids.size();
        });
    }

    @Override
    public String toString() {
        return describe();
    }
}
