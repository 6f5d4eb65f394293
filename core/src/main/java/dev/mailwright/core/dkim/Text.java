package dev.mailwright.core.dkim;

import java.nio.charset.StandardCharsets;

/** Small text helpers for messages about hostile input: bounded and without control characters. */
final class Text {
    private static final int MAX = 64;

    private Text() {
    }

    /** @return at most 64 characters of the text, controls and non-ASCII shown as {@code ?}, then "..." when cut */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX) + 3);
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > MAX ? out.append("...").toString() : out.toString();
    }

    /** @return the bytes as ISO-8859-1 text: one char per byte, so offsets match */
    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
