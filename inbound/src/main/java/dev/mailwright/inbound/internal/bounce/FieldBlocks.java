package dev.mailwright.inbound.internal.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the header-like blocks of {@code message/delivery-status} (RFC 3464 section 2.1) and
 * {@code message/feedback-report} (RFC 5965 section 3): fields {@code Name: value}, continuation
 * lines starting with white space, blocks separated by empty lines. Names are lower-cased; the
 * first occurrence of a field in a block wins; values are unfolded and cut at
 * {@value #MAX_VALUE} characters; at most {@code maxBlocks} blocks are read.
 */
final class FieldBlocks {
    static final int MAX_VALUE = 1000;

    private FieldBlocks() {
    }

    /**
     * @param text the part's text (already bounded by the caller)
     * @param maxBlocks the most blocks to return
     * @return the blocks in order, each a map of lower-case name to value; empty blocks skipped
     */
    static List<Map<String, String>> parse(String text, int maxBlocks) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && name != null) {
                append(value, line.strip());
                continue;
            }
            name = put(block, name, value);
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    if (blocks.size() >= maxBlocks) {
                        return blocks;
                    }
                    block = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                append(value, line.substring(colon + 1).strip());
            }
        }
        put(block, name, value);
        if (!block.isEmpty() && blocks.size() < maxBlocks) {
            blocks.add(block);
        }
        return blocks;
    }

    private static void append(StringBuilder value, String part) {
        if (value.length() < MAX_VALUE) {
            value.append(value.length() == 0 ? "" : " ").append(part, 0, Math.min(part.length(), MAX_VALUE - value.length()));
        }
    }

    /** Stores the pending field, if any, and clears it; @return null */
    private static String put(Map<String, String> block, String name, StringBuilder value) {
        if (name != null && !name.isEmpty()) {
            block.putIfAbsent(name, value.toString());
        }
        value.setLength(0);
        return null;
    }

    /**
     * @param value a typed address field such as {@code rfc822; Octocat@Example.com}
     * @return the address, lower case, without the type and angle brackets; "" when there is none
     */
    static String address(String value) {
        if (value == null) {
            return "";
        }
        int semi = value.indexOf(';');
        String a = (semi < 0 ? value : value.substring(semi + 1)).strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1).strip();
        }
        return a.toLowerCase(Locale.ROOT);
    }
}
