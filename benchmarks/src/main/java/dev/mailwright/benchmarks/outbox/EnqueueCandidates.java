package dev.mailwright.benchmarks.outbox;

import dev.mailwright.outbox.spi.NewEntry;
import dev.mailwright.outbox.spi.OutboxStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The stores measured for the outbox's embedded default, each storing one entry durably per call. */
final class EnqueueCandidates {
    private EnqueueCandidates() {
    }

    /** Stores one entry; returns once it is stored (durably, unless the candidate says otherwise). */
    interface Candidate extends AutoCloseable {
        void enqueue(NewEntry e) throws Exception;

        @Override
        void close() throws Exception;
    }

    /** @return an outbox store as a candidate */
    static Candidate store(OutboxStore store) {
        return new Candidate() {
            @Override
            public void enqueue(NewEntry e) {
                store.enqueue(e);
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    /**
     * A plain JDBC table of the same shape, one connection per thread, one auto-committed INSERT per
     * call: SQLite without group commit, or H2.
     */
    static final class RawJdbc implements Candidate {
        private final String url;
        private final List<Connection> all = new ArrayList<>();
        private final ThreadLocal<PreparedStatement> insert;

        RawJdbc(String url, String... setup) throws SQLException {
            this.url = url;
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                for (String sql : setup) {
                    s.execute(sql);
                }
                s.execute("CREATE TABLE entries (k VARCHAR(200) PRIMARY KEY, domain VARCHAR(255), recipient VARCHAR(320),"
                        + " message_id VARCHAR(998), content BLOB, created BIGINT, due BIGINT, state VARCHAR(8))");
                s.execute("CREATE INDEX entries_due ON entries (due)");
            }
            this.insert = ThreadLocal.withInitial(this::prepare);
        }

        private synchronized PreparedStatement prepare() {
            try {
                Connection c = DriverManager.getConnection(url);
                all.add(c);
                return c.prepareStatement("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, 'queued')");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void enqueue(NewEntry e) throws SQLException {
            PreparedStatement ps = insert.get();
            ps.setString(1, e.idempotencyKey());
            ps.setString(2, e.domain());
            ps.setString(3, e.recipient());
            ps.setString(4, e.messageId());
            ps.setBytes(5, e.content());
            ps.setLong(6, e.createdAt().toEpochMilli());
            ps.setLong(7, e.dueAt().toEpochMilli());
            ps.executeUpdate();
        }

        @Override
        public synchronized void close() throws SQLException {
            for (Connection c : all) {
                c.close();
            }
        }
    }

    /**
     * The ceiling of a spool-style journal: each entry appended as one record to a preallocated
     * file, callers waiting at the same moment sharing one {@code fdatasync} (a leader syncs for its
     * followers). No index, no lookup by key: what the disk allows, not a store.
     */
    static final class Journal implements Candidate {
        private final FileChannel channel;
        private long position;
        private long written;
        private long synced;
        private boolean syncing;

        Journal(Path file, long bytes) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long p = 0; p < bytes; p += zeros.capacity()) {
                zeros.clear();
                channel.write(zeros, p);
            }
            channel.force(true);
        }

        @Override
        public void enqueue(NewEntry e) throws IOException, InterruptedException {
            byte[] key = e.idempotencyKey().getBytes(StandardCharsets.UTF_8);
            ByteBuffer record = ByteBuffer.allocate(8 + key.length + e.content().length);
            record.putInt(key.length).putInt(e.content().length).put(key).put(e.content()).flip();
            long mine;
            synchronized (this) {
                long at = position;
                position += record.remaining();
                channel.write(record, at);
                mine = ++written;
            }
            sync(mine);
        }

        private void sync(long mine) throws IOException, InterruptedException {
            while (true) {
                long upTo;
                synchronized (this) {
                    while (syncing && synced < mine) {
                        wait();
                    }
                    if (synced >= mine) {
                        return;
                    }
                    syncing = true;
                    upTo = written;
                }
                try {
                    channel.force(false); // outside the lock: the next records are appended meanwhile
                } finally {
                    synchronized (this) {
                        syncing = false;
                        synced = Math.max(synced, upTo);
                        notifyAll();
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
