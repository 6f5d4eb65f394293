package dev.mailwright.core.dkim;

import java.security.MessageDigest;
import java.util.Arrays;

/** Where canonicalized bytes go: a growable buffer (header data) or a digest (the body). */
abstract class Sink {
    /** @param b bytes @param off offset @param len length */
    abstract void write(byte[] b, int off, int len);

    /** @param b one byte */
    abstract void write(int b);

    /** A growable byte buffer, not synchronized. */
    static final class Buffer extends Sink {
        private byte[] buf;
        private int size;

        Buffer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        @Override
        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        @Override
        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] array() {
            return buf;
        }

        int size() {
            return size;
        }

        /** @param newSize drops the bytes past it */
        void truncate(int newSize) {
            size = newSize;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /**
     * Feeds a digest through a small buffer, hashing at most {@code limit} bytes while counting
     * every byte written: the canonical body's length is known even when {@code l=} cuts the hash.
     */
    static final class Digest extends Sink {
        private final MessageDigest digest;
        private final long limit;
        private final byte[] buf = new byte[8192];
        private int fill;
        private long count;

        /** @param digest the digest @param limit the most bytes to hash; Long.MAX_VALUE for all */
        Digest(MessageDigest digest, long limit) {
            this.digest = digest;
            this.limit = limit;
        }

        @Override
        void write(byte[] b, int off, int len) {
            long room = limit - count;
            int hashed = (int) Math.min(len, Math.max(0, room));
            count += len;
            if (hashed == 0) {
                return;
            }
            if (hashed >= 512 || hashed > buf.length - fill) {
                flush();
                if (hashed >= 512) {
                    digest.update(b, off, hashed); // a long span goes straight from the message
                    return;
                }
            }
            System.arraycopy(b, off, buf, fill, hashed);
            fill += hashed;
        }

        @Override
        void write(int b) {
            if (count++ < limit) {
                if (fill == buf.length) {
                    flush();
                }
                buf[fill++] = (byte) b;
            }
        }

        private void flush() {
            digest.update(buf, 0, fill);
            fill = 0;
        }

        /** @return the digest of the hashed bytes */
        byte[] finish() {
            flush();
            return digest.digest();
        }

        /** @return how many bytes were written, hashed or not */
        long count() {
            return count;
        }
    }
}
