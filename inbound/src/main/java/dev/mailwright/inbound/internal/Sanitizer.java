package dev.mailwright.inbound.internal;

import java.util.List;

/**
 * Makes what a sender wrote safe to hand to the host, and says what it changed: NUL characters
 * (which databases and terminals treat as the end of a string) are removed from text, and an
 * attachment's file name keeps only its last path element, without control characters, so that
 * {@code ../../etc/passwd} cannot point outside the folder a host saves attachments in.
 */
final class Sanitizer {
    private static final int MAX_NAME = 255;

    private Sanitizer() {
    }

    /**
     * @param text a body as decoded, or null
     * @param what what the text is, for the note ("the text/plain body")
     * @param notes receives a note when something was changed
     * @return the text without NUL characters (null stays null)
     */
    static String text(String text, String what, List<String> notes) {
        if (text == null || text.indexOf('\0') < 0) {
            return text;
        }
        long n = text.chars().filter(c -> c == 0).count();
        notes.add(n + " NUL character(s) removed from " + what);
        return text.replace("\0", "");
    }

    /**
     * @param name a file name given by the sender, or null
     * @param notes receives a note when the name was changed
     * @return the last path element without control characters, at most 255 characters; empty when nothing is left
     */
    static String fileName(String name, List<String> notes) {
        if (name == null) {
            return "";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        base.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
        String clean = b.toString().strip();
        if (clean.equals(".") || clean.equals("..")) {
            clean = "";
        }
        if (clean.length() > MAX_NAME) {
            clean = clean.substring(0, MAX_NAME);
        }
        if (!clean.equals(name)) {
            notes.add("attachment name '" + LogText.clean(name) + "' replaced by '" + clean + "'");
        }
        return clean;
    }
}
