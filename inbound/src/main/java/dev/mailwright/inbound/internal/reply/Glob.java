package dev.mailwright.inbound.internal.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern of literal parts separated by {@code *} (any text), matched against a normalized
 * line by scanning: the first part must start the line, the last end it, the middle ones follow
 * in order (leftmost first, which is exact for this pattern form). No backtracking: the cost is
 * at most the number of parts times the line length.
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
            if (!line.endsWith(tail) || line.length() - tail.length() < from) {
                return false;
            }
            end = line.length() - tail.length();
            last = n - 1;
        }
        for (int i = first; i < last; i++) {
            int at = line.indexOf(parts.get(i), from);
            if (at < 0 || at + parts.get(i).length() > end) {
                return false;
            }
            from = at + parts.get(i).length();
        }
        return true;
    }

    /** @return the literal text before the first {@code *}, empty when the pattern opens with one */
    String prefix() {
        return leadingStar ? "" : parts.get(0);
    }
}
