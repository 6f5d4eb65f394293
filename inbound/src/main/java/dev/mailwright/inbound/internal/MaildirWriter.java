package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers messages into a maildir the way Postfix's virtual delivery does: written into
 * {@code tmp/} under a unique name, synced, renamed into {@code new/}, and {@code new/} synced, so
 * that a message is either fully in {@code new/} or absent after a crash.
 */
public final class MaildirWriter {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path tmp;
    private final Path newDir;
    private final String host;
    private final Clock clock;
    private final Object syncLock = new Object();
    private long renamed;
    private long synced;
    private boolean syncing;

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

    /**
     * @param prefix header lines to write first (Return-Path, Delivered-To), CRLF-terminated
     * @param data the message
     * @param maxBytes the most bytes accepted from {@code data}
     * @return the path of the delivered file in {@code new/}
     * @throws IOException when writing or syncing fails, or the message is too large
     */
    public Path deliver(String prefix, InputStream data, long maxBytes) throws IOException {
        String name = uniqueName();
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
     * Group commit of {@code new/}: one caller syncs the directory for every rename made before its
     * sync started; the others wait for a sync that covers their rename.
     */
    private void awaitDirectorySync(long ticket) throws IOException {
        while (true) {
            long covered;
            synchronized (syncLock) {
                while (synced < ticket && syncing) {
                    try {
                        syncLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while waiting for the maildir sync");
                    }
                }
                if (synced >= ticket) {
                    return;
                }
                syncing = true;
                covered = renamed;
            }
            boolean ok = false;
            try {
                DurableFiles.syncDirectory(newDir);
                ok = true;
            } finally {
                synchronized (syncLock) {
                    if (ok) {
                        synced = Math.max(synced, covered);
                    }
                    syncing = false;
                    syncLock.notifyAll();
                }
            }
        }
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

    private String uniqueName() {
        long micros = clock.instant().toEpochMilli() * 1000 + (System.nanoTime() / 1000) % 1000;
        return (micros / 1_000_000) + ".M" + (micros % 1_000_000) + "P" + ProcessHandle.current().pid()
                + "Q" + COUNTER.incrementAndGet() + "." + host;
    }
}
