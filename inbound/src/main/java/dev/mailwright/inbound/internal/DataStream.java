package dev.mailwright.inbound.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an SMTP {@code DATA} command, read from the session's buffered input in blocks
 * (SubEthaSMTP 7.2.0 reads it one byte at a time through three streams, which cost the listener
 * most of its CPU): removes dot-stuffing, ends at {@code CRLF.CRLF} (a bare {@code LF.LF} is
 * tolerated) and never consumes a byte after the terminator, using mark/reset on the input.
 */
final class DataStream extends InputStream {
    private static final int LINE_START = 0;
    private static final int MID_LINE = 1;
    private static final int DOT = 2;
    private static final int DOT_CR = 3;

    private final InputStream raw;
    private final byte[] block = new byte[8192];
    private int pos;
    private int limit;
    private int state = LINE_START;
    private boolean ended;

    /** @param raw the session's input; must support mark/reset (a {@link java.io.BufferedInputStream}) */
    DataStream(InputStream raw) {
        if (!raw.markSupported()) {
            throw new IllegalArgumentException("the SMTP input must support mark/reset");
        }
        this.raw = raw;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos == limit) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(block, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Reads and discards the rest of the data, up to the terminator. */
    void drain() throws IOException {
        while (!ended) {
            fill();
        }
        pos = limit;
    }

    private void fill() throws IOException {
        raw.mark(block.length);
        int n = raw.read(block, 0, block.length);
        if (n < 0) {
            throw new EOFException("the connection closed before the end of DATA");
        }
        int out = 0;
        for (int i = 0; i < n; i++) {
            byte c = block[i];
            switch (state) {
                case LINE_START -> {
                    if (c == '.') {
                        state = DOT;
                    } else {
                        block[out++] = c;
                        state = c == '\n' ? LINE_START : MID_LINE;
                    }
                }
                case DOT -> {
                    if (c == '\r') {
                        state = DOT_CR;
                    } else if (c == '\n') {
                        end(i);
                        break;
                    } else {
                        block[out++] = c;
                        state = MID_LINE;
                    }
                }
                case DOT_CR -> {
                    if (c == '\n') {
                        end(i);
                        break;
                    }
                    block[out++] = '\r';
                    block[out++] = c;
                    state = MID_LINE;
                }
                default -> {
                    block[out++] = c;
                    if (c == '\n') {
                        state = LINE_START;
                    }
                }
            }
            if (ended) {
                break;
            }
        }
        pos = 0;
        limit = out;
    }

    /** Gives back the bytes after the terminator, which belong to the next command. */
    private void end(int terminatorIndex) throws IOException {
        ended = true;
        raw.reset();
        long toSkip = terminatorIndex + 1L;
        while (toSkip > 0) {
            long skipped = raw.skip(toSkip);
            if (skipped <= 0) {
                throw new EOFException("the SMTP input ended while skipping the DATA terminator");
            }
            toSkip -= skipped;
        }
    }
}
