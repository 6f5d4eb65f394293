package dev.mailwright.inbound.internal.reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a text body with their kinds, the fenced code blocks found, and normalized forms
 * computed once on demand. Lines longer than the cap are never candidates for a pattern.
 */
final class ReplyLines {
    private final List<String> lines;
    private final LineKind[] kinds;
    private final String[] normalized;
    private final int maxLineChars;
    private final boolean[] fenced;

    ReplyLines(String body, int maxLineChars) {
        this.lines = split(body);
        this.maxLineChars = maxLineChars;
        this.kinds = new LineKind[lines.size()];
        this.normalized = new String[lines.size()];
        Arrays.fill(kinds, LineKind.TEXT);
        this.fenced = FenceFinder.codeLines(lines);
        for (int i = 0; i < kinds.length; i++) {
            String line = lines.get(i);
            if (fenced[i] || Normalizer.indent(line) >= 4 && !Normalizer.isBlank(line)) {
                kinds[i] = LineKind.CODE;
            } else if (Normalizer.isBlank(line)) {
                kinds[i] = LineKind.BLANK;
            } else if (isQuoteMarked(line) && !closesWrappedAddress(i)) {
                kinds[i] = LineKind.QUOTE;
            }
        }
    }

    /**
     * A reply header wrapped inside an address puts its end on a line of its own that opens with
     * the address's '&gt;' ("&gt;:", "&gt; wrote:"): no quote, when the text lines just above leave
     * a '&lt;' open, hold an '@', and the line is short and ends with a colon.
     */
    private boolean closesWrappedAddress(int i) {
        String line = lines.get(i);
        if (i == 0 || kinds[i - 1] != LineKind.TEXT || line.length() > 80 || !endsWithColon(line)) {
            return false;
        }
        StringBuilder above = new StringBuilder();
        for (int j = Math.max(0, i - 3); j < i; j++) {
            if (kinds[j] != LineKind.TEXT) {
                above.setLength(0);
            } else {
                above.append(lines.get(j));
            }
        }
        return Normalizer.endsInsideAngle(above) && Normalizer.hasAt(above);
    }

    private static boolean endsWithColon(String line) {
        String s = line.stripTrailing();
        return s.endsWith(":") || s.endsWith("\uFF1A");
    }

    /** Splits on CRLF, LF or CR, in one pass. */
    static List<String> split(String body) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = body.length();
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(body.substring(start, i));
                if (c == '\r' && i + 1 < n && body.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(body.substring(start));
        }
        return out;
    }

    /** @return true for {@code >} after at most three spaces */
    static boolean isQuoteMarked(String line) {
        int indent = Normalizer.indent(line);
        return indent <= 3 && indent < line.length() && line.charAt(indent) == '>';
    }

    int size() {
        return lines.size();
    }

    String line(int i) {
        return lines.get(i);
    }

    LineKind kind(int i) {
        return kinds[i];
    }

    void mark(int from, int to, LineKind kind) {
        for (int i = from; i < to; i++) {
            kinds[i] = kind;
        }
    }

    /** @return true when line i is unmarked text short enough to be matched against patterns */
    boolean candidate(int i) {
        return i >= 0 && i < kinds.length && kinds[i] == LineKind.TEXT
                && lines.get(i).length() <= maxLineChars;
    }

    /**
     * @return true when line i may be (part of) a reply header: unmarked text, or a line of an
     *     indented block that no fence opened (Yahoo indents the attribution and the history)
     */
    boolean headerCandidate(int i) {
        return i >= 0 && i < kinds.length && lines.get(i).length() <= maxLineChars
                && (kinds[i] == LineKind.TEXT || kinds[i] == LineKind.CODE && !fenced[i]);
    }

    /** @return the first character of line i that is not white space, invisible or decoration, or 0 */
    char firstWord(int i) {
        return edge(i, true, true);
    }

    /** @return the last character of line i that is not white space, invisible or decoration, or 0 */
    char lastWord(int i) {
        return edge(i, false, true);
    }

    /** @return the first character of line i that is not white space or invisible, or 0 */
    char firstVisible(int i) {
        return edge(i, true, false);
    }

    /** @return the last character of line i that is not white space or invisible, or 0 */
    char lastVisible(int i) {
        return edge(i, false, false);
    }

    private char edge(int i, boolean first, boolean skipDecoration) {
        String line = lines.get(i);
        int n = line.length();
        for (int k = 0; k < n; k++) {
            char c = line.charAt(first ? k : n - 1 - k);
            if (!invisible(c) && !(skipDecoration && Normalizer.isDecoration(c))) {
                return c;
            }
        }
        return 0;
    }

    /** White space, direction marks and combining marks: what {@link Normalizer} drops or folds. */
    static boolean invisible(char c) {
        if (c < 128) {
            return c <= ' ';
        }
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.FORMAT
                || type == Character.NON_SPACING_MARK;
    }

    /** @return true when line i holds ':' or a full-width colon within its first {@code chars} */
    boolean hasColonWithin(int i, int chars) {
        String line = lines.get(i);
        int end = Math.min(line.length(), chars);
        for (int j = 0; j < end; j++) {
            char c = line.charAt(j);
            if (c == ':' || c == '\uFF1A') {
                return true;
            }
        }
        return false;
    }

    /** @return the normalized form of line i (computed once) */
    String norm(int i) {
        String n = normalized[i];
        if (n == null) {
            String line = lines.get(i);
            n = Normalizer.normalize(line.length() > maxLineChars ? line.substring(0, maxLineChars) : line);
            normalized[i] = n;
        }
        return n;
    }

    /** @return the next line at or after i that is not blank, or -1 */
    int nextNonBlank(int i, int limit) {
        for (int j = i; j < limit; j++) {
            if (kinds[j] != LineKind.BLANK) {
                return j;
            }
        }
        return -1;
    }

    /** @return the previous line at or before i that is not blank, or -1 */
    int previousNonBlank(int i) {
        for (int j = i; j >= 0; j--) {
            if (kinds[j] != LineKind.BLANK) {
                return j;
            }
        }
        return -1;
    }
}
