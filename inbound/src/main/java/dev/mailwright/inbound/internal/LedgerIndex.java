package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery ledger's index: an open-addressing table of 128-bit keys with their state and file
 * hash, 24 bytes a slot, kept in a memory-mapped scratch file in the ledger's directory rather than
 * on the heap, so that a pipeline's heap stays flat however many deliveries accumulate (the table
 * lives in the page cache, which the system can write out and reclaim). The scratch file is
 * unlinked as soon as it is mapped, so nothing is left behind, even after a crash; the index is
 * rebuilt from the ledger file at every start. Owners are kept only for keys in progress.
 * Where a file cannot be mapped, the table falls back to the heap.
 */
final class LedgerIndex {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerIndex.class);
    private static final byte EMPTY = 0;
    private static final int SLOT = 24;
    private static final int HI = 0;
    private static final int LO = 8;
    private static final int HASH = 16;
    private static final int KIND = 20;

    private final Path dir;
    private ByteBuffer table;
    private int capacity;
    private int size;
    private final Map<String, String> pendingOwners = new HashMap<>();

    /** One key's state. */
    record State(char kind, String owner, int fileHash) {
    }

    /** @param dir where the scratch file is created (the ledger's directory), or null for a heap table */
    LedgerIndex(Path dir) {
        this.dir = dir;
        this.capacity = 1024;
        this.table = allocate(capacity);
    }

    int size() {
        return size;
    }

    /** @return whether the table is memory-mapped (false: on the heap) */
    boolean mapped() {
        return table instanceof MappedByteBuffer;
    }

    State get(String key) {
        int slot = find(parseHi(key), parseLo(key));
        byte k = table.get(slot * SLOT + KIND);
        if (k == EMPTY) {
            return null;
        }
        return new State((char) k, k == 'P' ? pendingOwners.getOrDefault(key, "") : "", table.getInt(slot * SLOT + HASH));
    }

    void put(String key, char k, String owner, int hash) {
        if ((size + 1) * 10L > capacity * 6L) {
            grow();
        }
        long h = parseHi(key);
        long l = parseLo(key);
        int slot = find(h, l);
        int at = slot * SLOT;
        if (table.get(at + KIND) == EMPTY) {
            size++;
            table.putLong(at + HI, h);
            table.putLong(at + LO, l);
        }
        table.put(at + KIND, (byte) k);
        table.putInt(at + HASH, hash);
        if (k == 'P') {
            pendingOwners.put(key, owner);
        } else {
            pendingOwners.remove(key);
        }
    }

    private int find(long h, long l) {
        return find(table, capacity, h, l);
    }

    private static int find(ByteBuffer t, int capacity, long h, long l) {
        int mask = capacity - 1;
        int slot = (int) (h ^ (h >>> 32) ^ l) & mask;
        while (t.get(slot * SLOT + KIND) != EMPTY
                && (t.getLong(slot * SLOT + HI) != h || t.getLong(slot * SLOT + LO) != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int bigger = capacity * 2;
        if ((long) bigger * SLOT > Integer.MAX_VALUE) {
            throw new IllegalStateException("the delivery ledger's index is full (" + size + " keys): rotate the ledger");
        }
        ByteBuffer next = allocate(bigger);
        for (int i = 0; i < capacity; i++) {
            int at = i * SLOT;
            if (table.get(at + KIND) != EMPTY) {
                long h = table.getLong(at + HI);
                long l = table.getLong(at + LO);
                int to = find(next, bigger, h, l) * SLOT;
                next.putLong(to + HI, h);
                next.putLong(to + LO, l);
                next.putInt(to + HASH, table.getInt(at + HASH));
                next.put(to + KIND, table.get(at + KIND));
            }
        }
        table = next;
        capacity = bigger;
    }

    /** A zeroed table: a mapping of an unlinked scratch file, or a heap buffer when that fails. */
    private ByteBuffer allocate(int slots) {
        long bytes = (long) slots * SLOT;
        if (dir != null) {
            Path scratch = null;
            try {
                scratch = Files.createTempFile(dir, ".index-", ".scratch");
                try (FileChannel ch = FileChannel.open(scratch, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    // written out, not sparse: a page of the mapping then never needs a block the
                    // disk may not have (on a full disk that would be a SIGBUS, not an IOException)
                    DurableFiles.fillWithZeros(ch, bytes);
                    return ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
                }
            } catch (IOException | UnsupportedOperationException e) {
                LOG.warn("Cannot map the ledger index into {} ({}); keeping it on the heap", dir, e.toString());
            } finally {
                if (scratch != null) {
                    try {
                        Files.deleteIfExists(scratch);
                    } catch (IOException e) {
                        scratch.toFile().deleteOnExit();
                    }
                }
            }
        }
        return ByteBuffer.allocate((int) bytes);
    }

    /** Keys are 32 hex digits; anything else (a hand-edited line) is hashed instead. */
    private static long parseHi(String key) {
        return key.length() == 32 ? Long.parseUnsignedLong(key.substring(0, 16), 16) : key.hashCode();
    }

    private static long parseLo(String key) {
        return key.length() == 32 ? Long.parseUnsignedLong(key.substring(16), 16) : (long) key.length() << 32;
    }
}
