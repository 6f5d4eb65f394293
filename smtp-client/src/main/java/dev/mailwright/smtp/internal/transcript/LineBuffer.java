package dev.mailwright.smtp.internal.transcript;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits one direction's bytes into lines (LF or CRLF), copying runs in bulk. A line longer than
 * the capacity is cut and ends with {@code [line cut: N more bytes]}, so nothing is dropped
 * silently. Not thread-safe: its owner synchronizes.
 */
final class LineBuffer {
    private final byte[] buf;
    private int len;
    private long cut;
    private boolean lastWasCr;

    LineBuffer(int capacity) {
        this.buf = new byte[capacity];
    }

    /** Feeds bytes; each complete line goes to the sink, without its line end. */
    void feed(byte[] b, int off, int length, Consumer<String> sink) {
        int start = off;
        int end = off + length;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                append(b, start, i);
                sink.accept(take());
                start = i + 1;
            }
        }
        append(b, start, end);
    }

    /** @return true when part of a line is waiting for its end */
    boolean hasPartialLine() {
        return len > 0 || cut > 0;
    }

    /** @return the waiting bytes as a line, and forgets them */
    String take() {
        int n = len;
        long dropped = cut;
        if (lastWasCr && dropped > 0) {
            dropped--;
        } else if (lastWasCr && n > 0) {
            n--;
        }
        String line = new String(buf, 0, n, StandardCharsets.UTF_8);
        len = 0;
        cut = 0;
        lastWasCr = false;
        return dropped > 0 ? line + " [line cut: " + dropped + " more bytes]" : line;
    }

    private void append(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int copy = Math.min(n, buf.length - len);
        System.arraycopy(b, from, buf, len, copy);
        len += copy;
        cut += n - copy;
        lastWasCr = b[to - 1] == '\r';
    }
}
