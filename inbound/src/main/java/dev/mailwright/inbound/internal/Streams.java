package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.io.InputStream;

/** What the listener's block-reading streams share: their single-byte read and skip go through their block read. */
final class Streams {
    private Streams() {
    }

    /** @return the next byte of {@code in} read through {@code read(byte[], int, int)}, or -1 at the end */
    static int readOne(InputStream in) throws IOException {
        byte[] one = new byte[1];
        int n = in.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** @return how many bytes were skipped (at most one block), read through {@code read(byte[], int, int)} */
    static long skipByReading(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
        int read = scratch.length == 0 ? 0 : in.read(scratch, 0, scratch.length);
        return Math.max(0, read);
    }
}
