package dev.mailwright.inbound.internal.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern of literal parts separated by {@code *} (any text), matched against a normalized
 * line by scanning: the first part must start the line, the last end it, the middle ones follow
 * in order (leftmost first, which is exact for this pattern form); a {@code *} between two spaces
 * may match nothing ("a * b" matches "a b"). No backtracking: the cost is at most the number of
 * parts times the line length.
 */
record Glob(String source, List<String> parts, boolean leadingStar, boolean trailingStar) {

    static Glob parse(String pattern) {
        String norm = Normalizer.normalize(pattern);
        List<String> parts = new ArrayList<>();
        for (String part : norm.split("\\*", -1)) {
            if (!part.isBlank()) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a pattern needs some text besides '*', was \"" + pattern + "\"");
        }
        return new Glob(pattern, List.copyOf(parts), norm.startsWith("*"), norm.endsWith("*"));
    }

    boolean matches(String line) {
        int n = parts.size();
        if (n == 1 && !leadingStar && !trailingStar) {
            return line.equals(parts.get(0));
        }
        int from = 0;
        int end = line.length();
        int first = 0;
        int last = n;
        if (!leadingStar) {
            if (!line.startsWith(parts.get(0))) {
                return false;
            }
            from = parts.get(0).length();
            first = 1;
        }
        if (!trailingStar && last > first) {
            String tail = parts.get(n - 1);
            end = line.length() - tail.length();
            if (!line.endsWith(tail) || end < from - shared(line, from, tail)) {
                return false;
            }
            last = n - 1;
        }
        for (int i = first; i < last; i++) {
            String part = parts.get(i);
            int at = line.indexOf(part, from - shared(line, from, part));
            int limit = end + (end < line.length() && line.charAt(end) == ' ' && part.endsWith(" ") ? 1 : 0);
            if (at < 0 || at + part.length() > limit) {
                return false;
            }
            from = at + part.length();
        }
        return true;
    }

    /**
     * A {@code *} between two spaces may match nothing: "a * b" matches "a b". So a part opening
     * with a space may reuse the space that closed the text matched before it.
     *
     * @return 1 when the part may start one character before {@code from}, else 0
     */
    private static int shared(String line, int from, String part) {
        return from > 0 && part.charAt(0) == ' ' && line.charAt(from - 1) == ' ' ? 1 : 0;
    }

    /** @return the literal text before the first {@code *}, empty when the pattern opens with one */
    String prefix() {
        return leadingStar ? "" : parts.get(0);
    }
}
