package dev.mailwright.core.dkim;

import java.util.Locale;

/** The two DKIM canonicalization algorithms (RFC 6376 section 3.4), for header fields and for the body. */
enum Canonicalization {
    /** Header fields and body as they are; trailing empty lines of the body reduced to one CRLF. */
    SIMPLE,
    /** Header names in lower case, unfolded, white space runs as one space; body lines without trailing white space. */
    RELAXED;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte TAB = '\t';
    private static final byte[] CRLF = {CR, LF};

    /** @return the algorithm named by one half of a {@code c=} value */
    static Canonicalization of(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new IllegalArgumentException("unknown canonicalization '" + Text.printable(name)
                    + "'; DKIM uses simple or relaxed");
        };
    }

    /** @return the name as written in {@code c=} */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Writes one header field in canonical form.
     *
     * @param m the message bytes
     * @param start the field's first byte
     * @param colon the colon's offset
     * @param end the field's end (after its CRLF, or the message's end)
     * @param crlf whether the canonical form ends with CRLF (not for the signature's own field)
     * @param out the sink
     */
    void header(byte[] m, int start, int colon, int end, boolean crlf, Sink out) {
        if (this == SIMPLE) {
            int e = end;
            boolean hasCrlf = e - start >= 2 && m[e - 2] == CR && m[e - 1] == LF;
            if (hasCrlf) {
                e -= 2;
            }
            out.write(m, start, e - start);
            if (crlf) {
                out.write(CRLF, 0, 2);
            }
            return;
        }
        int nameEnd = colon;
        while (nameEnd > start && (m[nameEnd - 1] == SP || m[nameEnd - 1] == TAB)) {
            nameEnd--;
        }
        for (int i = start; i < nameEnd; i++) {
            byte c = m[i];
            out.write(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        out.write(':');
        relaxedValue(m, colon + 1, end, out);
        if (crlf) {
            out.write(CRLF, 0, 2);
        }
    }

    /** Unfolds and collapses white space, in spans: a single space between two words is already canonical. */
    private static void relaxedValue(byte[] m, int from, int to, Sink out) {
        int i = from;
        while (i < to && isFws(m[i])) {
            i++;
        }
        int e = to;
        while (e > i && isFws(m[e - 1])) {
            e--;
        }
        int span = i;
        while (i < e) {
            byte c = m[i];
            if (c > SP || c < 0 || !isFws(c)) {
                i++;
                continue;
            }
            if (c == SP && i + 1 < e && isPlain(m[i + 1])) {
                i += 2;
                continue;
            }
            int run = i + 1;
            while (run < e && isFws(m[run])) {
                run++;
            }
            if (c == SP && run == i + 1) {
                i = run;
                continue;
            }
            out.write(m, span, i - span);
            out.write(SP);
            span = run;
            i = run;
        }
        out.write(m, span, e - span);
    }

    /** @return true for a byte that is neither white space nor CR: a space before it needs no change */
    private static boolean isPlain(byte c) {
        return c > SP || c < 0 || c != SP && c != TAB && c != CR && c != LF;
    }

    private static boolean isFws(byte c) {
        return c == SP || c == TAB || c == CR || c == LF;
    }

    /**
     * Writes the body in canonical form.
     *
     * @param m the message bytes, CRLF line ends
     * @param from the body's first byte
     * @param to the body's end
     * @param out the sink
     */
    void body(byte[] m, int from, int to, Sink out) {
        if (this == SIMPLE) {
            int e = to;
            while (e - from >= 2 && m[e - 2] == CR && m[e - 1] == LF) {
                e -= 2;
            }
            out.write(m, from, e - from);
            out.write(CRLF, 0, 2);
            return;
        }
        relaxedBody(m, from, to, out);
    }

    /**
     * Relaxed body in one pass with long spans: a single space between words is already canonical,
     * so only white space runs, tabs and white space at line ends break a span. Trailing empty
     * lines (and white space) go first: the body ends at its last byte that is neither.
     */
    private static void relaxedBody(byte[] m, int from, int to, Sink out) {
        int e = to;
        while (e > from && (m[e - 1] == SP || m[e - 1] == TAB || m[e - 1] == CR || m[e - 1] == LF)) {
            e--;
        }
        if (e == from) {
            return;
        }
        int span = from;
        int i = from;
        while (i < e) {
            byte c = m[i];
            if (c > SP || c < 0 || c != SP && c != TAB) {
                i++;
                continue;
            }
            if (c == SP && i + 1 < e && isPlain(m[i + 1])) {
                i += 2; // a single space before a word: already canonical
                continue;
            }
            int run = i + 1;
            while (run < e && (m[run] == SP || m[run] == TAB)) {
                run++;
            }
            boolean lineEnd = run == e || m[run] == CR && run + 1 < to && m[run + 1] == LF;
            if (c == SP && run == i + 1 && !lineEnd) {
                i = run;
                continue;
            }
            out.write(m, span, i - span);
            if (!lineEnd) {
                out.write(SP);
            }
            span = run;
            i = run;
        }
        out.write(m, span, e - span);
        out.write(CRLF, 0, 2);
    }
}
