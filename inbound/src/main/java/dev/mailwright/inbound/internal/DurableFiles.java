package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File operations that survive a crash: fsync of files and directories, atomic replacement. */
public final class DurableFiles {
    private DurableFiles() {
    }

    /**
     * Makes a directory's entries (created, renamed files) durable.
     *
     * @param dir the directory
     * @throws IOException when the sync fails
     */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Writes a small text file atomically: a temporary sibling, synced, then renamed over the target.
     *
     * @param target the file
     * @param text its content (UTF-8)
     * @param sync whether to sync the file before the rename
     * @throws IOException when writing fails
     */
    public static void writeAtomically(Path target, String text, boolean sync) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (sync) {
                ch.force(true);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes zeros over the first {@code bytes} of a file, so that its blocks are allocated: later
     * writes there change no metadata, and a mapping of it never faults for want of a block.
     *
     * @param ch the file, open for writing
     * @param bytes how many bytes
     * @throws IOException when writing fails (a full disk, say)
     */
    public static void fillWithZeros(FileChannel ch, long bytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(Math.max(bytes, 1), 1 << 20));
        long at = 0;
        while (at < bytes) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
            while (zeros.hasRemaining()) {
                at += ch.write(zeros, at);
            }
        }
    }

    /**
     * @param ch an open file (an append-only log)
     * @param from the offset to read from
     * @return the bytes from {@code from} to the end of the file as it is now (empty when nothing new)
     * @throws IOException when reading fails
     */
    public static byte[] readFrom(java.nio.channels.FileChannel ch, long from) throws IOException {
        long size = ch.size();
        if (size <= from) {
            return new byte[0];
        }
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - from));
        while (buffer.hasRemaining() && ch.read(buffer, from + buffer.position()) > 0) {
            // keep reading
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }
}
