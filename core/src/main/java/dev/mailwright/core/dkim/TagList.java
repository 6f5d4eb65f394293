package dev.mailwright.core.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM tag list ({@code tag=value; tag=value}, RFC 6376 section 3.2), as found in a
 * DKIM-Signature field and a key record. Strict: a tag without {@code =}, a bad tag name, a
 * duplicate tag or a control character in a value is an error. Each tag keeps where its raw value
 * lies in the text, so that the signature's {@code b=} value can be cut out exactly.
 */
final class TagList {
    private final List<Tag> tags;

    private TagList(List<Tag> tags) {
        this.tags = tags;
    }

    /**
     * One tag.
     *
     * @param name the name, lower case
     * @param value the value without the white space around it (folding included)
     * @param rawStart where the raw value starts in the text (just after {@code =})
     * @param rawEnd where it ends (at the next {@code ;} or the end)
     */
    record Tag(String name, String value, int rawStart, int rawEnd) {
    }

    /**
     * @param text the tag list
     * @param maxTags the most tags accepted
     * @return the tags in order
     * @throws IllegalArgumentException saying what is malformed
     */
    static TagList parse(String text, int maxTags) {
        List<Tag> tags = new ArrayList<>();
        int pos = 0;
        while (pos <= text.length()) {
            int semi = text.indexOf(';', pos);
            int end = semi < 0 ? text.length() : semi;
            Tag t = tag(text, pos, end);
            if (t != null) {
                for (Tag other : tags) {
                    if (other.name.equals(t.name)) {
                        throw new IllegalArgumentException("the tag " + t.name + "= appears twice");
                    }
                }
                if (tags.size() == maxTags) {
                    throw new IllegalArgumentException("more than " + maxTags + " tags");
                }
                tags.add(t);
            }
            pos = end + 1;
        }
        return new TagList(List.copyOf(tags));
    }

    private static Tag tag(String text, int from, int to) {
        int s = skipSpace(text, from, to);
        if (s == to) {
            return null;
        }
        int eq = text.indexOf('=', s);
        if (eq < 0 || eq >= to) {
            throw new IllegalArgumentException("'" + Text.printable(text.substring(s, to).strip()) + "' has no '='");
        }
        String name = text.substring(s, eq).strip();
        if (!validName(name)) {
            throw new IllegalArgumentException("'" + Text.printable(name) + "' is not a tag name");
        }
        int vs = skipSpace(text, eq + 1, to);
        int ve = to;
        while (ve > vs && isSpace(text.charAt(ve - 1))) {
            ve--;
        }
        for (int i = vs; i < ve; i++) {
            char c = text.charAt(i);
            if (c > 0x7e || c < 0x21 && !isSpace(c)) {
                throw new IllegalArgumentException("the value of " + name + "= has a control or non-ASCII character");
            }
        }
        return new Tag(name.toLowerCase(Locale.ROOT), text.substring(vs, ve), eq + 1, to);
    }

    private static boolean validName(String n) {
        if (n.isEmpty() || !(n.charAt(0) >= 'a' && n.charAt(0) <= 'z' || n.charAt(0) >= 'A' && n.charAt(0) <= 'Z')) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String t, int from, int to) {
        int i = from;
        while (i < to && isSpace(t.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** @return the tag, or null */
    Tag get(String name) {
        for (Tag t : tags) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** @return the tag's value, or null */
    String value(String name) {
        Tag t = get(name);
        return t == null ? null : t.value;
    }

    /** @return the tags in order */
    List<Tag> tags() {
        return tags;
    }

    /** @return the value with all white space (folding) removed */
    static String unfolded(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isSpace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @return the colon-separated items of a value, each stripped of white space; empty items dropped */
    static List<String> items(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(":", -1)) {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
