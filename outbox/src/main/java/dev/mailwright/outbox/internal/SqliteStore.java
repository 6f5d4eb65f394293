package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.OutboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded default: one SQLite file ({@code outbox.db}) in write-ahead-log mode with
 * {@code synchronous=FULL}, so a commit returns only once the log is synced. Writes go through one
 * {@link GroupCommitter} so that concurrent enqueues share a sync, and hold SQLite's write lock only
 * while they commit; reads and the background checkpoint use a second connection.
 * Other processes (the {@code mailwright outbox} command) may open the same file: SQLite locks it.
 */
public final class SqliteStore extends JdbcStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    /** The database file's name inside the store's directory. */
    public static final String FILE = "outbox.db";

    /** Pages the log may hold before a commit checkpoints it itself (the background checkpoints first). */
    private static final int AUTOCHECKPOINT_PAGES = 16_384;
    private static final long CHECKPOINT_EVERY_MS = 500;

    private final Path file;
    private final Connection reader;
    private final GroupCommitter writer;
    private final java.util.concurrent.ScheduledExecutorService checkpointer;

    private SqliteStore(Path file, Connection reader) throws SQLException {
        this.file = file;
        this.reader = reader;
        this.writer = new GroupCommitter(() -> connect(file), describe());
        this.checkpointer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Threads.named("mailwright-outbox-sqlite-checkpoint"));
        checkpointer.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_EVERY_MS, CHECKPOINT_EVERY_MS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Copies the log into the database file off the commit path, so that a commit waits for one
     * sync of the log and never for a checkpoint's (a passive checkpoint blocks no writer).
     */
    private void checkpoint() {
        synchronized (reader) {
            try (java.sql.Statement s = reader.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException e) {
                LOG.debug("background checkpoint of {} failed: {}", file, e.toString());
            }
        }
    }

    /**
     * Opens (and creates or upgrades) the store in a directory.
     *
     * @param directory where {@code outbox.db} lives; created when missing
     * @return the store
     * @throws OutboxException when the directory or the file cannot be used, saying why
     */
    public static SqliteStore open(Path directory) {
        Path file = directory.toAbsolutePath().resolve(FILE);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new OutboxException("cannot create the outbox directory " + directory + ": " + e.getMessage()
                    + "; choose a writable directory", e);
        }
        Connection r = null;
        try {
            r = connect(file);
            SqliteStore store = new SqliteStore(file, r);
            try {
                store.migrate();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (SQLException e) {
            closeQuietly(r);
            throw StoreErrors.wrap("open", "sqlite:" + file, e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=" + AUTOCHECKPOINT_PAGES);
        }
        return c;
    }

    @Override
    <T> T write(String what, boolean durable, Work<T> work) {
        return writer.submit(what, durable, work);
    }

    @Override
    <T> T read(String what, Work<T> work) {
        synchronized (reader) {
            try {
                return work.run(reader);
            } catch (SQLException e) {
                throw StoreErrors.wrap(what, describe(), e);
            }
        }
    }

    @Override
    String claimLock() {
        return ""; // each write transaction holds SQLite's write lock (BEGIN IMMEDIATE)
    }

    @Override
    public void migrate() {
        int applied = write("migrate", c -> new Migrator("mailwright-sqlite", Migrator.SQLITE).migrate(c));
        if (applied > 0) {
            LOG.info("outbox store {}: {} schema version(s) applied", file, applied);
        }
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    @Override
    public void close() {
        checkpointer.shutdownNow();
        writer.close();
        synchronized (reader) {
            closeQuietly(reader);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing an outbox connection failed", e);
            }
        }
    }
}
