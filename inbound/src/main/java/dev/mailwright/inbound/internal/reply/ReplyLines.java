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

    ReplyLines(String body, int maxLineChars) {
        this.lines = split(body);
        this.maxLineChars = maxLineChars;
        this.kinds = new LineKind[lines.size()];
        this.normalized = new String[lines.size()];
        Arrays.fill(kinds, LineKind.TEXT);
        boolean[] code = FenceFinder.codeLines(lines);
        for (int i = 0; i < kinds.length; i++) {
            String line = lines.get(i);
            if (code[i] || Normalizer.indent(line) >= 4 && !Normalizer.isBlank(line)) {
                kinds[i] = LineKind.CODE;
            } else if (Normalizer.isBlank(line)) {
                kinds[i] = LineKind.BLANK;
            } else if (isQuoteMarked(line)) {
                kinds[i] = LineKind.QUOTE;
            }
        }
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

    /** @return the first character of line i that is not white space or invisible, or 0 */
    char firstVisible(int i) {
        String line = lines.get(i);
        for (int j = 0; j < line.length(); j++) {
            char c = line.charAt(j);
            if (!invisible(c)) {
                return c;
            }
        }
        return 0;
    }

    /** @return the last character of line i that is not white space or invisible, or 0 */
    char lastVisible(int i) {
        String line = lines.get(i);
        for (int j = line.length() - 1; j >= 0; j--) {
            char c = line.charAt(j);
            if (!invisible(c)) {
                return c;
            }
        }
        return 0;
    }

    private static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
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
