package dev.mailwright.inbound.internal.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Patterns of one kind, bucketed so that a line is matched only against those that can match
 * it: a pattern with literal text before its first '*' by that text's first character, one that
 * opens with '*' by the last two characters of its literal end. With 150 patterns of 40 languages
 * a line meets a handful of them, so adding languages does not slow the common case. Immutable.
 */
final class GlobSet {
    private final Map<Character, List<Glob>> byFirst = new HashMap<>();
    /** Patterns whose literal end is one character, by it. */
    private final Map<Character, List<Glob>> byLast = new HashMap<>();
    /** The others opening with '*', by the last two characters of their literal end. */
    private final Map<Character, Map<Character, List<Glob>>> byLastTwo = new HashMap<>();
    /** Patterns with '*' at both ends. */
    private final List<Glob> anywhere = new ArrayList<>();
    private final Set<Character> firstChars = new HashSet<>();
    private final Set<Character> lastChars = new HashSet<>();
    /** No pattern matches a line shorter than this (the length of its literal parts). */
    private final int minLength;

    GlobSet(List<Glob> globs) {
        int min = Integer.MAX_VALUE;
        for (Glob g : globs) {
            int length = 0;
            for (String part : g.parts()) {
                length += part.length();
            }
            min = Math.min(min, length - g.parts().size() + 1);
            if (!g.leadingStar()) {
                char first = g.prefix().charAt(0);
                byFirst.computeIfAbsent(first, k -> new ArrayList<>()).add(g);
                firstChars.add(first);
            } else if (!g.trailingStar()) {
                String tail = g.parts().get(g.parts().size() - 1);
                int n = tail.length();
                char last = tail.charAt(n - 1);
                if (n == 1) {
                    byLast.computeIfAbsent(last, k -> new ArrayList<>()).add(g);
                } else {
                    byLastTwo.computeIfAbsent(last, k -> new HashMap<>())
                            .computeIfAbsent(tail.charAt(n - 2), k -> new ArrayList<>()).add(g);
                }
                lastChars.add(last);
            } else {
                anywhere.add(g);
            }
        }
        minLength = globs.isEmpty() ? Integer.MAX_VALUE : Math.max(1, min);
    }

    /**
     * @param first the first visible character of a line (raw; folded here)
     * @param last its last visible character
     * @return false when no pattern can match a line opening and ending with these
     */
    boolean mayMatch(char first, char last) {
        return !anywhere.isEmpty() || firstChars.contains(Normalizer.fold(first))
                || lastChars.contains(Normalizer.fold(last));
    }

    /** @return true when a pattern matches the normalized line */
    boolean matches(String normalized) {
        return matches(normalized, false);
    }

    /**
     * @param normalized a normalized line
     * @param anchoredOnly true to try only patterns with literal text before their first '*'
     * @return true when a pattern matches
     */
    boolean matches(String normalized, boolean anchoredOnly) {
        int n = normalized.length();
        if (n < minLength) {
            return false;
        }
        if (any(byFirst.get(normalized.charAt(0)), normalized)) {
            return true;
        }
        if (anchoredOnly) {
            return false;
        }
        char last = normalized.charAt(n - 1);
        Map<Character, List<Glob>> two = byLastTwo.get(last);
        return any(byLast.get(last), normalized)
                || two != null && n >= 2 && any(two.get(normalized.charAt(n - 2)), normalized)
                || any(anywhere, normalized);
    }

    private static boolean any(List<Glob> globs, String normalized) {
        if (globs == null) {
            return false;
        }
        for (Glob g : globs) {
            if (g.matches(normalized)) {
                return true;
            }
        }
        return false;
    }
}
