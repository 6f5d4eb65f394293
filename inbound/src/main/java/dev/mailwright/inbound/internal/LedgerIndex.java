package dev.mailwright.inbound.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The delivery ledger's in-memory index: an open-addressing table of 128-bit keys with their state
 * and file hash, about 30 bytes per key (a {@code HashMap} of strings took about 150), so that a
 * pipeline's heap stays small as deliveries accumulate. Owners are kept only for keys in progress.
 */
final class LedgerIndex {
    private static final byte EMPTY = 0;

    private long[] hi = new long[1024];
    private long[] lo = new long[1024];
    private byte[] kind = new byte[1024];
    private int[] fileHash = new int[1024];
    private int size;
    private final Map<String, String> pendingOwners = new HashMap<>();

    /** One key's state. */
    record State(char kind, String owner, int fileHash) {
    }

    int size() {
        return size;
    }

    State get(String key) {
        int slot = find(parseHi(key), parseLo(key));
        if (kind[slot] == EMPTY) {
            return null;
        }
        char k = (char) kind[slot];
        return new State(k, k == 'P' ? pendingOwners.getOrDefault(key, "") : "", fileHash[slot]);
    }

    void put(String key, char k, String owner, int hash) {
        if ((size + 1) * 10L > hi.length * 6L) {
            grow();
        }
        long h = parseHi(key);
        long l = parseLo(key);
        int slot = find(h, l);
        if (kind[slot] == EMPTY) {
            size++;
            hi[slot] = h;
            lo[slot] = l;
        }
        kind[slot] = (byte) k;
        fileHash[slot] = hash;
        if (k == 'P') {
            pendingOwners.put(key, owner);
        } else {
            pendingOwners.remove(key);
        }
    }

    private int find(long h, long l) {
        int mask = hi.length - 1;
        int slot = (int) (h ^ (h >>> 32) ^ l) & mask;
        while (kind[slot] != EMPTY && (hi[slot] != h || lo[slot] != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHi = hi;
        long[] oldLo = lo;
        byte[] oldKind = kind;
        int[] oldHash = fileHash;
        int capacity = oldHi.length * 2;
        hi = new long[capacity];
        lo = new long[capacity];
        kind = new byte[capacity];
        fileHash = new int[capacity];
        for (int i = 0; i < oldHi.length; i++) {
            if (oldKind[i] != EMPTY) {
                int slot = find(oldHi[i], oldLo[i]);
                hi[slot] = oldHi[i];
                lo[slot] = oldLo[i];
                kind[slot] = oldKind[i];
                fileHash[slot] = oldHash[i];
            }
        }
    }

    /** Keys are 32 hex digits; anything else (a hand-edited line) is hashed instead. */
    private static long parseHi(String key) {
        return key.length() == 32 ? Long.parseUnsignedLong(key.substring(0, 16), 16) : key.hashCode();
    }

    private static long parseLo(String key) {
        return key.length() == 32 ? Long.parseUnsignedLong(key.substring(16), 16) : (long) key.length() << 32;
    }
}
