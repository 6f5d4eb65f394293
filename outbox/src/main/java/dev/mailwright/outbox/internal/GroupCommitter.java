package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.OutboxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread on one connection: the work handed to it while it commits is gathered into the
 * next transaction, so that callers waiting at the same moment share one commit (and one sync).
 * When a shared transaction fails, each of its works is run again in a transaction of its own, so
 * that a failure is reported only to the caller whose work failed.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final int MAX_BATCH = 256;

    private final Opener opener;
    private final String description;
    private Connection connection;
    private Boolean synchronousFull;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;

    private record Pending<T>(String what, boolean durable, JdbcStore.Work<T> work, CompletableFuture<T> result) {
    }

    /** Opens the writer's connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    GroupCommitter(Opener opener, String description) throws SQLException {
        this.opener = opener;
        this.description = description;
        this.connection = opener.open();
        this.thread = new Thread(this::loop, "mailwright-outbox-sqlite-writer");
        thread.setDaemon(true);
        thread.start();
    }

    <T> T submit(String what, boolean durable, JdbcStore.Work<T> work) {
        if (!open) {
            throw new OutboxException("the outbox store " + description + " is closed");
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        queue.add(new Pending<>(what, durable, work, f));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted while waiting for the outbox store to commit " + what
                    + "; it may or may not be stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new OutboxException(what + " failed in " + description, e.getCause());
        }
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try {
            if (connection == null) {
                connection = opener.open();
                synchronousFull = null;
            }
            begin(batch.stream().anyMatch(Pending::durable));
            for (Pending<?> p : batch) {
                results.add(p.work().run(connection));
            }
            exec("COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (batch.size() == 1) {
                fail(batch.get(0), e);
            } else {
                batch.forEach(p -> commit(List.of(p)));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> p, Object value) {
        p.result().complete((T) value);
    }

    private void fail(Pending<?> p, Exception e) {
        p.result().completeExceptionally(e instanceof SQLException s ? StoreErrors.wrap(p.what(), description, s) : e);
    }

    /**
     * Begins a transaction that takes the write lock at once; the connection stays in auto-commit
     * between batches, so that it holds no lock while idle and other processes (the
     * {@code mailwright outbox} command) can write. The sync level is set per batch: FULL when a
     * work in it must be durable on return, NORMAL otherwise (a claim lost in a crash is harmless).
     */
    private void begin(boolean durable) throws SQLException {
        if (synchronousFull == null || synchronousFull != durable) {
            exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            synchronousFull = durable;
        }
        exec("BEGIN IMMEDIATE");
    }

    private final java.util.Map<String, java.sql.PreparedStatement> control = new java.util.HashMap<>();

    /** Runs a control statement (BEGIN, COMMIT, a PRAGMA), prepared once per connection. */
    private void exec(String sql) throws SQLException {
        java.sql.PreparedStatement ps = control.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            control.put(sql, ps);
        }
        ps.execute();
    }

    /**
     * Rolls back by closing the connection: after some failures (a full disk) SQLite has already
     * rolled the transaction back and the driver's idea of it is wrong, so the next work starts on a
     * new connection.
     */
    private void rollback() {
        if (connection == null) {
            return;
        }
        try {
            exec("ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("rollback failed in {}: {}", description, e.toString());
        }
        control.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the writer's connection failed in {}: {}", description, e.toString());
        }
        connection = null;
    }

    /** Lets the queued work finish, then stops the thread and closes the connection. */
    @Override
    public void close() {
        open = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the writer's connection failed in {}: {}", description, e.toString());
            }
        }
    }
}
