package dev.mailwright.inbound.bounce;

import java.util.Objects;
import java.util.StringJoiner;

/** One-line, bounded texts for what bounces say (a report is hostile input). */
final class Texts {
    static final int MAX = 300;

    private Texts() {
    }

    static String line(String s) {
        String t = Objects.requireNonNull(s, "text").replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return t.length() <= MAX ? t : t.substring(0, MAX) + "...";
    }

    static String join(String first, String... rest) {
        StringJoiner out = new StringJoiner(": ");
        out.add(first);
        for (String r : rest) {
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return out.toString();
    }
}
