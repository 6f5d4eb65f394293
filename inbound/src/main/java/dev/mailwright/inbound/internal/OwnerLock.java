package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lock file {@code <dir>/<owner>.lock} held for as long as an owner (a pipeline or a maildir
 * source instance) lives, so that others can tell a live owner from one that died: the operating
 * system releases the lock when the process dies.
 */
public final class OwnerLock implements AutoCloseable {
    /** Owners alive in this JVM: their files must not be opened and closed by a check. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final String owner;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OwnerLock(String owner, Path file, FileChannel channel, FileLock lock) {
        this.owner = owner;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dir the directory of lock files
     * @return a new owner with a fresh id, holding its lock
     */
    public static OwnerLock acquire(Path dir) {
        String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve(owner + ".lock").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            HELD_HERE.add(file);
            return new OwnerLock(owner, file, channel, lock);
        } catch (IOException e) {
            throw new InboundException("Cannot create the owner lock " + file + ": " + e.getMessage()
                    + ". Check that the directory is writable by this process.", e);
        }
    }

    /** @return this owner's id */
    public String owner() {
        return owner;
    }

    /**
     * @param dir the directory of lock files
     * @param owner an owner id
     * @return true when that owner still holds its lock (in this or another process)
     */
    public static boolean isAlive(Path dir, String owner) {
        Path file = dir.resolve(owner + ".lock").toAbsolutePath();
        if (HELD_HERE.contains(file)) {
            return true;
        }
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    /** Releases the lock and deletes the lock file. */
    @Override
    public void close() {
        HELD_HERE.remove(file);
        try {
            lock.release();
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new InboundException("Cannot release the owner lock " + file + ": " + e.getMessage(), e);
        }
    }
}
