package dev.mailwright.inbound.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an SMTP {@code DATA} command, read from the session's buffered input in blocks
 * (SubEthaSMTP 7.2.0 reads it one byte at a time through three streams, which cost the listener
 * most of its CPU): removes dot-stuffing and ends at {@code <CR><LF>.<CR><LF>} only, never
 * consuming a byte after it (mark/reset on the input).
 *
 * <p>A bare {@code <LF>} or a bare {@code <CR>} anywhere in the data is refused ({@link
 * SmtpInputException#bareLineEnding()}): a server that took {@code <LF>.<LF>} or {@code <CR>.<CR>}
 * (or any mix) as the end of the data would read what follows as commands, and a message hidden
 * there by the author of the first one would be accepted as if the sending server had sent it (SMTP
 * smuggling). Refusing is what Postfix does with {@code smtpd_forbid_bare_newline = yes}.
 */
final class DataStream extends InputStream {
    private static final int LINE_START = 0;
    private static final int MID_LINE = 1;
    private static final int CR = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    private final InputStream raw;
    private final byte[] block = new byte[8192];
    /** The text out of {@link #block}: a {@code <CR>} held back at the end of one block comes out with the next. */
    private final byte[] text = new byte[8192 + 2];
    private int pos;
    private int limit;
    private int state = LINE_START;
    private boolean ended;
    private boolean bare;
    private long received;

    /** @param raw the session's input; must support mark/reset (a {@link java.io.BufferedInputStream}) */
    DataStream(InputStream raw) {
        if (!raw.markSupported()) {
            throw new IllegalArgumentException("the SMTP input must support mark/reset");
        }
        this.raw = raw;
    }

    @Override
    public int read() throws IOException {
        return Streams.readOne(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos == limit) {
            if (ended) {
                return -1;
            }
            try {
                fill();
            } catch (IOException e) {
                throw SmtpInputException.readFailed(e);
            }
            if (bare) {
                throw SmtpInputException.bareLineEnding();
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(text, pos, b, off, n);
        pos += n;
        return n;
    }

    /** @return the bytes read from the connection so far, terminator included */
    long received() {
        return received;
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
        for (int i = 0; i < n && !ended; i++) {
            if (state == MID_LINE) {
                // the common case: copy the rest of the line up to its CR (or a bare LF) in one go
                int run = i;
                while (run < n && block[run] != '\r' && block[run] != '\n') {
                    run++;
                }
                System.arraycopy(block, i, text, out, run - i);
                out += run - i;
                i = run;
                if (i == n) {
                    break;
                }
            }
            byte c = block[i];
            switch (state) {
                case LINE_START -> {
                    if (c == '.') {
                        state = DOT;
                    } else {
                        out = text(c, out);
                    }
                }
                case DOT -> {
                    if (c == '\r') {
                        state = DOT_CR;
                    } else {
                        out = text(c, out);
                    }
                }
                case CR, DOT_CR -> {
                    if (c == '\n') {
                        if (state == DOT_CR) {
                            end(i);
                        } else {
                            text[out++] = '\r';
                            text[out++] = '\n';
                            state = LINE_START;
                        }
                    } else {
                        bare = true;
                        out = text(c, out);
                    }
                }
                default -> out = text(c, out);
            }
        }
        if (!ended) {
            received += n;
        }
        pos = 0;
        limit = out;
    }

    /** A byte inside a line: a CR waits for its LF, a bare LF taints the data. */
    private int text(byte c, int out) {
        if (c == '\r') {
            state = CR;
            return out;
        }
        if (c == '\n') {
            bare = true;
        }
        text[out] = c;
        state = MID_LINE;
        return out + 1;
    }

    /** Gives back the bytes after the terminator, which belong to the next command. */
    private void end(int terminatorIndex) throws IOException {
        ended = true;
        raw.reset();
        long toSkip = terminatorIndex + 1L;
        received += toSkip;
        while (toSkip > 0) {
            long skipped = raw.skip(toSkip);
            if (skipped <= 0) {
                throw new EOFException("the SMTP input ended while skipping the DATA terminator");
            }
            toSkip -= skipped;
        }
    }
}
