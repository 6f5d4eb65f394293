package dev.mailwright.core.auth;

import dev.mailwright.core.HostNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RFC5322.From domain of a raw message, the author domain DMARC is about: exactly one From
 * field with exactly one address, read from a bounded header section (RFC 7489 section 6.6.1).
 */
final class FromDomain {
    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private FromDomain() {
    }

    /**
     * The domain or why there is none.
     *
     * @param domain the domain, lower case, or "" when there is a problem
     * @param problem what is wrong, "" when the domain is usable
     */
    record Result(String domain, String problem) {
    }

    static Result of(byte[] message) {
        List<String> froms = fromFields(message);
        if (froms.isEmpty()) {
            return new Result("", "the message has no From field");
        }
        if (froms.size() > 1) {
            return new Result("", "the message has " + froms.size() + " From fields");
        }
        return ofField(froms.get(0));
    }

    /** @return the domain of a From field's value, or the problem */
    static Result ofField(String value) {
        List<String> addresses = addresses(value);
        if (addresses.size() != 1) {
            return new Result("", "the From field holds " + addresses.size() + " addresses, not one");
        }
        String a = addresses.get(0);
        int at = a.lastIndexOf('@');
        String d = at < 0 ? "" : a.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        if (!HostNames.isValidHostName(d)) {
            return new Result("", "the From address '" + a + "' has no valid domain");
        }
        return new Result(d, "");
    }

    private static List<String> fromFields(byte[] message) {
        String head = new String(message, 0, Math.min(message.length, MAX_HEADER_BYTES), StandardCharsets.ISO_8859_1);
        List<StringBuilder> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : head.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation) {
                if (current != null) {
                    current.append(' ').append(line.strip());
                }
                continue;
            }
            int colon = line.indexOf(':');
            current = colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("From")
                    ? new StringBuilder(line.substring(colon + 1)) : null;
            if (current != null) {
                fields.add(current);
            }
        }
        return fields.stream().map(StringBuilder::toString).toList();
    }

    /** @return the addr-specs of an address list: comments and quoted strings removed, angle brackets preferred */
    static List<String> addresses(String value) {
        StringBuilder clean = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                i++;
            } else if (quoted) {
                quoted = c != '"';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                clean.append(c);
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : clean.toString().replaceAll("[^,:;]*:([^;]*);", "$1").split(",")) {
            String p = part.strip();
            int open = p.lastIndexOf('<');
            int close = p.lastIndexOf('>');
            String addr = open >= 0 && close > open ? p.substring(open + 1, close).strip() : p;
            if (!addr.isEmpty()) {
                out.add(addr);
            }
        }
        return out;
    }
}
