package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers messages into a maildir the way Postfix's virtual delivery does: written into
 * {@code tmp/} under a unique name, synced, renamed into {@code new/}, and {@code new/} synced, so
 * that a message is either fully in {@code new/} or absent after a crash.
 */
public final class MaildirWriter implements ListenerStore {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path tmp;
    private final Path newDir;
    private final String host;
    private final Clock clock;
    private final Object syncLock = new Object();
    private final GroupCommit commit = new GroupCommit(syncLock);
    private long renamed;

    /**
     * @param maildir the maildir (tmp, new and cur are created when missing)
     * @param host the host part of unique names
     * @param clock the clock of unique names
     */
    public MaildirWriter(Path maildir, String host, Clock clock) {
        this.tmp = maildir.resolve("tmp");
        this.newDir = maildir.resolve("new");
        this.host = host.replace("/", "\\057").replace(":", "\\072");
        this.clock = clock;
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(newDir);
            Files.createDirectories(maildir.resolve("cur"));
        } catch (IOException e) {
            throw new InboundException("Cannot create the maildir " + maildir + ": " + e.getMessage()
                    + ". Check the path and that this process may write there.", e);
        }
    }

    /** Thrown when the data exceeds the limit; nothing is left in the maildir. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("the message exceeds the limit of " + limit + " bytes");
        }
    }

    @Override
    public String store(String prefix, InputStream data, long maxBytes) throws IOException {
        return deliver(prefix, data, maxBytes).toString();
    }

    @Override
    public void close() {
        // holds nothing open
    }

    /**
     * @param prefix header lines to write first (Return-Path, Delivered-To), CRLF-terminated
     * @param data the message
     * @param maxBytes the most bytes accepted from {@code data}
     * @return the path of the delivered file in {@code new/}
     * @throws IOException when writing or syncing fails, or the message is too large
     */
    public Path deliver(String prefix, InputStream data, long maxBytes) throws IOException {
        return deliver(uniqueName(), prefix, data, maxBytes);
    }

    /**
     * Delivers under a given unique name (a spooled message keeps the name it was spooled under).
     *
     * @param name the file name in {@code new/}
     * @param prefix header lines to write first, CRLF-terminated
     * @param data the message
     * @param maxBytes the most bytes accepted from {@code data}
     * @return the path of the delivered file in {@code new/}
     * @throws IOException when writing or syncing fails, or the message is too large
     */
    public Path deliver(String name, String prefix, InputStream data, long maxBytes) throws IOException {
        Path file = tmp.resolve(name);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer head = ByteBuffer.wrap(prefix.getBytes(StandardCharsets.UTF_8));
                while (head.hasRemaining()) {
                    ch.write(head);
                }
                copy(data, ch, maxBytes);
                ch.force(true);
            }
            Path target = newDir.resolve(name);
            long ticket;
            synchronized (syncLock) {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                ticket = ++renamed;
            }
            done = true;
            awaitDirectorySync(ticket);
            return target;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Delivers several complete messages with one sync of {@code new/} for all of them: each is
     * written into {@code tmp/} and synced, then all are renamed into {@code new/}, then {@code new/}
     * is synced. A name already in {@code new/} or {@code cur/} is left alone (a message delivered
     * before a crash and offered again).
     *
     * @param messages the file names and their complete contents
     * @param writers the threads that write and sync the files (the disk syncs several at once faster)
     * @return how many were written (the others were there already)
     * @throws IOException when writing or syncing fails; what was renamed stays
     */
    public int deliverAll(List<Map.Entry<String, ByteBuffer>> messages,
            ExecutorService writers) throws IOException {
        List<Future<String>> futures = new ArrayList<>(messages.size());
        for (Map.Entry<String, ByteBuffer> m : messages) {
            futures.add(writers.submit(() -> writeSynced(m.getKey(), m.getValue())));
        }
        List<String> written = new ArrayList<>(messages.size());
        IOException failure = null;
        for (Future<String> f : futures) {
            try {
                String name = f.get();
                if (name != null) {
                    written.add(name);
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while delivering into the maildir");
            }
        }
        if (failure != null) {
            throw failure;
        }
        long ticket = 0;
        for (String name : written) {
            synchronized (syncLock) {
                Files.move(tmp.resolve(name), newDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                ticket = ++renamed;
            }
        }
        if (ticket > 0) {
            awaitDirectorySync(ticket);
        }
        return written.size();
    }

    /** @return the name, written into {@code tmp/} and synced; null when it is already in {@code new/} or {@code cur/} */
    private String writeSynced(String name, ByteBuffer content) throws IOException {
        if (Files.exists(newDir.resolve(name)) || Files.exists(newDir.resolveSibling("cur").resolve(name))) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(tmp.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = content.duplicate();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        return name;
    }

    /** Waits for a sync of {@code new/} made after the rename with this ticket (shared with the other callers). */
    private void awaitDirectorySync(long ticket) throws IOException {
        commit.await(ticket, () -> {
            long covered;
            synchronized (syncLock) {
                covered = renamed;
            }
            DurableFiles.syncDirectory(newDir);
            return covered;
        });
    }

    private static void copy(InputStream data, FileChannel ch, long maxBytes) throws IOException {
        byte[] buffer = new byte[16384];
        long total = 0;
        int n;
        while ((n = data.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** @return a unique maildir file name (time, process, counter, host) */
    public String uniqueName() {
        long micros = clock.instant().toEpochMilli() * 1000 + (System.nanoTime() / 1000) % 1000;
        return (micros / 1_000_000) + ".M" + (micros % 1_000_000) + "P" + ProcessHandle.current().pid()
                + "Q" + COUNTER.incrementAndGet() + "." + host;
    }
}
