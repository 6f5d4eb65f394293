package dev.mailwright.outbox.internal;

import dev.mailwright.core.spi.DeliveryLedger;
import dev.mailwright.outbox.OutboxStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound delivery ledger in PostgreSQL, shared by the pipelines of any number of nodes. Each
 * instance is an owner: it holds a session-level advisory lock ({@link #LOCK_SPACE}, its random
 * owner number) on a connection of its own for as long as it is open, so that another node tells a
 * live owner from a dead one by asking {@code pg_locks}; the server drops the lock when the node's
 * process dies (its connection closes). {@link #begin} runs in one transaction that locks the keys'
 * rows in key order ({@code INSERT ... ON CONFLICT DO NOTHING}, then {@code SELECT ... FOR UPDATE}),
 * so of two nodes deciding one key at once the second waits for the first and sees its decision.
 */
public final class PgDeliveryLedger implements DeliveryLedger {
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryLedger.class);
    /** The first key of the owners' advisory locks ("mwlg" in ASCII). */
    static final int LOCK_SPACE = 0x6d776c67;

    private final DataSource dataSource;
    private final String description;
    private final Clock clock;
    private final Connection ownerConnection;
    private final int owner;
    /** Keys this instance marked in progress and has not finished: another thread's copy of one waits its turn. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * Opens a connection of its own (kept until {@link #close()}) and takes a fresh owner number.
     *
     * @param dataSource the pool of the database holding {@code mailwright_inbound_delivery}
     * @param description where it is, for messages; never a secret
     * @param clock stamps the rows
     */
    public PgDeliveryLedger(DataSource dataSource, String description, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.description = Objects.requireNonNull(description, "description");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.ownerConnection = dataSource.getConnection();
            this.owner = lockOwner(ownerConnection);
        } catch (SQLException e) {
            throw StoreErrors.wrap("open the delivery ledger", description, e);
        }
    }

    private static int lockOwner(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt();
                ps.setInt(1, LOCK_SPACE);
                ps.setInt(2, candidate);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return candidate;
                    }
                }
            }
        }
        throw new SQLException("no free owner number after 20 random tries");
    }

    @Override
    public List<Decision> begin(List<Entry> entries) {
        Objects.requireNonNull(entries, "entries");
        checkOwner();
        List<String> marked = new ArrayList<>();
        try {
            Map<Entry, Decision> decided = PgTransactions.run(dataSource, true, c -> decideAll(c, entries, marked));
            List<Decision> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Entry e : entries) {
                out.add(seen.add(e.key()) ? decided.get(e) : Decision.DUPLICATE);
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            marked.forEach(inFlight::remove); // rolled back: nothing of this batch is in progress
            if (e instanceof SQLException sql) {
                throw wrap("record replies about to be handed to the handler", sql);
            }
            throw (RuntimeException) e;
        }
    }

    private Map<Entry, Decision> decideAll(Connection c, List<Entry> entries, List<String> marked) throws SQLException {
        Map<String, Entry> firsts = new HashMap<>();
        entries.forEach(e -> firsts.putIfAbsent(e.key(), e));
        List<Entry> ordered = new ArrayList<>(firsts.values());
        ordered.sort(Comparator.comparing(Entry::key)); // rows are locked in one order: no deadlock between nodes
        Map<Entry, Decision> out = new HashMap<>();
        for (Entry e : ordered) {
            Decision d = decide(c, e);
            if (d == Decision.DELIVER || d == Decision.REDELIVER) {
                inFlight.add(e.key()); // before the commit: a thread waiting on this row's lock sees it
                marked.add(e.key());
            }
            out.put(e, d);
        }
        return out;
    }

    private Decision decide(Connection c, Entry e) throws SQLException {
        long now = clock.millis();
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO mailwright_inbound_delivery (delivery_key, state,"
                + " owner_lock, source_id, updated_at_ms) VALUES (?, 'P', ?, ?, ?) ON CONFLICT (delivery_key) DO NOTHING")) {
            ins.setString(1, e.key());
            ins.setInt(2, owner);
            ins.setString(3, e.file());
            ins.setLong(4, now);
            if (ins.executeUpdate() == 1) {
                return Decision.DELIVER;
            }
        }
        Decision d;
        try (PreparedStatement sel = c.prepareStatement("SELECT state, owner_lock, source_id FROM mailwright_inbound_delivery"
                + " WHERE delivery_key = ? FOR UPDATE")) {
            sel.setString(1, e.key());
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                d = decide(c, rs.getString(1).charAt(0), rs.getInt(2), rs.getString(3), e);
            }
        }
        if (d == Decision.DELIVER || d == Decision.REDELIVER) {
            mark(c, 'P', e, now);
        }
        return d;
    }

    private Decision decide(Connection c, char state, int rowOwner, String source, Entry e) throws SQLException {
        if (state == 'R') {
            return Decision.DELIVER;
        }
        if (state == 'D') {
            return source.equals(e.file()) ? Decision.ALREADY_DELIVERED_SAME_FILE : Decision.DUPLICATE;
        }
        if (rowOwner == owner) {
            // another thread of this pipeline is calling the handler, or an earlier finish failed
            return inFlight.contains(e.key()) ? Decision.IN_FLIGHT_ELSEWHERE : Decision.REDELIVER;
        }
        return alive(c, rowOwner) ? Decision.IN_FLIGHT_ELSEWHERE : Decision.REDELIVER;
    }

    private static boolean alive(Connection c, int rowOwner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND classid = ? AND objid = ? AND objsubid = 2 AND granted)")) {
            // pg_locks shows the two int4 keys as oids (unsigned): compare the same 32 bits
            ps.setLong(1, Integer.toUnsignedLong(LOCK_SPACE));
            ps.setLong(2, Integer.toUnsignedLong(rowOwner));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void mark(Connection c, char state, Entry e, long now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE mailwright_inbound_delivery SET state = ?, owner_lock = ?,"
                + " source_id = ?, updated_at_ms = ? WHERE delivery_key = ?")) {
            up.setString(1, String.valueOf(state));
            up.setInt(2, owner);
            up.setString(3, e.file());
            up.setLong(4, now);
            up.setString(5, e.key());
            up.executeUpdate();
        }
    }

    @Override
    public void finish(List<Entry> delivered, List<Entry> released) {
        if (delivered.isEmpty() && released.isEmpty()) {
            return;
        }
        try {
            PgTransactions.run(dataSource, true, c -> {
                long now = clock.millis();
                for (Entry e : delivered) {
                    mark(c, 'D', e, now);
                }
                for (Entry e : released) {
                    mark(c, 'R', e, now);
                }
                return null;
            });
        } catch (SQLException e) {
            throw wrap("record what the handler did", e);
        } finally {
            // unrecorded, a key stays in progress under this owner: a later copy is a possible redelivery
            delivered.forEach(e -> inFlight.remove(e.key()));
            released.forEach(e -> inFlight.remove(e.key()));
        }
    }

    /** A node whose owner connection broke has lost its lock: others may take over its entries. */
    private void checkOwner() {
        try {
            if (!ownerConnection.isValid(5)) {
                throw new OutboxStoreException("the delivery ledger " + description + " lost its owner connection (the"
                        + " database restarted or the network failed); no reply was handed over: close the pipeline and"
                        + " open a new one", null, null);
            }
        } catch (SQLException e) {
            throw wrap("check the ledger's owner connection", e);
        }
    }

    private OutboxStoreException wrap(String what, SQLException e) {
        OutboxStoreException x = StoreErrors.wrap(what, description, e);
        return new OutboxStoreException("the delivery ledger " + description + " could not " + what + "; no reply was"
                + " handed over, the messages stay for a later batch: " + x.getMessage(), e.getSQLState(), e);
    }

    @Override
    public void close() {
        try (Connection c = ownerConnection; PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            // a pooled connection outlives this ledger: release the lock before it goes back
            ps.setInt(1, LOCK_SPACE);
            ps.setInt(2, owner);
            ps.execute();
        } catch (SQLException e) {
            LOG.debug("closing the ledger's owner connection failed", e);
        }
    }

    @Override
    public String toString() {
        return "PgDeliveryLedger[" + description + ", owner " + Integer.toHexString(owner) + "]";
    }
}
