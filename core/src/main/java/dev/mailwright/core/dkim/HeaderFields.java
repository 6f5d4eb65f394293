package dev.mailwright.core.dkim;

import java.util.Arrays;
import java.util.Locale;

/**
 * The header fields of a message whose line ends are CRLF: where each field starts, where its
 * colon is and where it ends (after its CRLF), and where the body starts. Offsets live in int
 * arrays, and the number of fields is capped, so that a hostile header section costs a bounded
 * amount of memory beyond the message itself.
 */
final class HeaderFields {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final byte[] message;
    private int[] starts = new int[32];
    private int[] colons = new int[32];
    private int[] ends = new int[32];
    private String[] names = new String[32];
    private int count;
    private int bodyStart;
    private boolean truncated;

    private HeaderFields(byte[] message) {
        this.message = message;
    }

    /**
     * @param message the message, CRLF line ends
     * @param maxFields the most fields to index; past it {@link #truncated()} is true
     * @return the index
     */
    static HeaderFields parse(byte[] message, int maxFields) {
        HeaderFields h = new HeaderFields(message);
        h.scan(maxFields);
        return h;
    }

    private void scan(int maxFields) {
        byte[] m = message;
        int pos = 0;
        while (pos < m.length) {
            if (m[pos] == CR && pos + 1 < m.length && m[pos + 1] == LF) {
                bodyStart = pos + 2;
                return;
            }
            if (count == maxFields) {
                truncated = true;
                bodyStart = m.length;
                return;
            }
            int end = lineEnd(pos);
            while (end < m.length && (m[end] == ' ' || m[end] == '\t')) {
                end = lineEnd(end);
            }
            add(pos, end);
            pos = end;
        }
        bodyStart = m.length;
    }

    /** @return the offset just after the CRLF that ends the line starting at from, or the message's end */
    private int lineEnd(int from) {
        byte[] m = message;
        for (int i = from; i < m.length - 1; i++) {
            if (m[i] == CR && m[i + 1] == LF) {
                return i + 2;
            }
        }
        return m.length;
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            colons = Arrays.copyOf(colons, n);
            ends = Arrays.copyOf(ends, n);
            names = Arrays.copyOf(names, n);
        }
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (message[i] == ':') {
                colon = i;
                break;
            }
        }
        starts[count] = start;
        colons[count] = colon;
        ends[count] = end;
        count++;
    }

    /** @return the number of fields indexed */
    int size() {
        return count;
    }

    /** @return true when the header section had more fields than the cap */
    boolean truncated() {
        return truncated;
    }

    /** @return the offset of the body's first byte (the message's length when there is no body) */
    int bodyStart() {
        return bodyStart;
    }

    byte[] message() {
        return message;
    }

    int start(int i) {
        return starts[i];
    }

    /** @return the colon's offset, or -1 for a line without colon */
    int colon(int i) {
        return colons[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** @return the field's name in lower case without trailing white space; "" for a line without colon */
    String name(int i) {
        String n = names[i];
        if (n == null) {
            int c = colons[i];
            if (c < 0) {
                n = "";
            } else {
                int e = c;
                while (e > starts[i] && (message[e - 1] == ' ' || message[e - 1] == '\t')) {
                    e--;
                }
                n = Text.latin1(message, starts[i], e).toLowerCase(Locale.ROOT);
            }
            names[i] = n;
        }
        return n;
    }

    /**
     * @param i a field
     * @param lowerName a field name in lower case (ASCII)
     * @return true when the field has that name, compared without making a string
     */
    boolean nameIs(int i, String lowerName) {
        int c = colons[i];
        if (c < 0) {
            return false;
        }
        int e = c;
        while (e > starts[i] && (message[e - 1] == ' ' || message[e - 1] == '\t')) {
            e--;
        }
        int len = e - starts[i];
        if (len != lowerName.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            int b = message[starts[i] + k];
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lowerName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return the value: the bytes after the colon up to, not including, the final CRLF */
    String value(int i) {
        int c = colons[i];
        int e = ends[i];
        if (e >= 2 && message[e - 2] == CR && message[e - 1] == LF) {
            e -= 2;
        }
        return c < 0 ? "" : Text.latin1(message, c + 1, e);
    }
}
