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

    private static void relaxedValue(byte[] m, int from, int to, Sink out) {
        boolean started = false;
        boolean space = false;
        for (int i = from; i < to; i++) {
            byte c = m[i];
            if (c == CR || c == LF) {
                continue;
            }
            if (c == SP || c == TAB) {
                space = started;
                continue;
            }
            if (space) {
                out.write(SP);
                space = false;
            }
            out.write(c);
            started = true;
        }
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

    private static void relaxedBody(byte[] m, int from, int to, Sink out) {
        int lineEnds = 0;
        boolean space = false;
        boolean any = false;
        int i = from;
        while (i < to) {
            byte c = m[i];
            if (c == CR && i + 1 < to && m[i + 1] == LF) {
                space = false;
                lineEnds++;
                i += 2;
                continue;
            }
            if (c == SP || c == TAB) {
                space = true;
                i++;
                continue;
            }
            int run = i + 1;
            while (run < to && (c = m[run]) != SP && c != TAB && !(c == CR && run + 1 < to && m[run + 1] == LF)) {
                run++;
            }
            for (; lineEnds > 0; lineEnds--) {
                out.write(CRLF, 0, 2);
            }
            if (space) {
                out.write(SP);
                space = false;
            }
            out.write(m, i, run - i);
            any = true;
            i = run;
        }
        if (any) {
            out.write(CRLF, 0, 2);
        }
    }
}
