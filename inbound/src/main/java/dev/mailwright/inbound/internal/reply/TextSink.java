package dev.mailwright.inbound.internal.reply;

/**
 * Where {@link HtmlRenderer} writes: lines with a quote prefix fixed when each line starts,
 * white space collapsed outside code, blank lines between blocks added only when content follows.
 */
final class TextSink {
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private String prefix = "";
    private int quoteDepth;
    private boolean rest;
    private int pendingBlank;
    private int pendingDepth;
    private boolean space;
    private int lineNumber;

    /** Ends the current line (if any) and asks for {@code breaks - 1} blank lines before more content; 0 does nothing. */
    void block(int breaks) {
        if (breaks <= 0) {
            return;
        }
        if (line.length() > 0) {
            endLine();
        }
        request(breaks - 1);
    }

    /** Asks for blank lines before the next content (at most one: HTML spacing is not content). */
    private void request(int blanks) {
        if (blanks <= 0) {
            return;
        }
        pendingDepth = pendingBlank == 0 ? depth() : Math.min(pendingDepth, depth());
        pendingBlank = 1;
    }

    /** A {@code <br>}: ends the current line, or adds an empty one. */
    void newline() {
        if (line.length() > 0) {
            endLine();
        } else {
            request(1);
        }
    }

    /** A signature delimiter "-- " on a line of its own, replacing a "--" just written (HTML drops its space). */
    void signatureDelimiter() {
        block(1);
        String p = currentPrefix();
        for (String last : new String[] {p + "--\n", p + "-- \n"}) {
            int at = out.length() - last.length();
            if (at >= 0 && out.indexOf(last, at) == at && (at == 0 || out.charAt(at - 1) == '\n')) {
                out.setLength(at);
                break;
            }
        }
        line("-- ");
    }

    /** Writes a whole line of its own. */
    void line(String text) {
        block(1);
        raw(text);
        endLine();
    }

    void enterQuote() {
        quoteDepth++;
    }

    void leaveQuote() {
        quoteDepth = Math.max(0, quoteDepth - 1);
    }

    /** Everything from here to the end is quoted history. */
    void quoteRest() {
        rest = true;
    }

    /** Text collapsed as HTML collapses it. */
    void words(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = true;
            } else {
                spaceIfPending();
                append(c);
            }
        }
    }

    /** Text kept as it is, line breaks included (inside {@code <pre>}). */
    void verbatim(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                endLine();
            } else if (c != '\r') {
                append(c);
            }
        }
    }

    /** Text written as it is, at the current position (after a pending space). */
    void raw(String text) {
        spaceIfPending();
        for (int i = 0; i < text.length(); i++) {
            append(text.charAt(i));
        }
    }

    private void spaceIfPending() {
        if (space && line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
            line.append(' ');
        }
        space = false;
    }

    private void append(char c) {
        if (line.length() == 0) {
            startLine();
        }
        line.append(c);
    }

    private void startLine() {
        if (out.length() > 0) {
            for (int i = 0; i < pendingBlank; i++) {
                out.append(prefixFor(Math.min(pendingDepth, depth())).strip()).append('\n');
            }
        }
        pendingBlank = 0;
        prefix = currentPrefix();
        line.append(prefix);
    }

    private int depth() {
        return quoteDepth + (rest ? 1 : 0);
    }

    private String currentPrefix() {
        return prefixFor(depth());
    }

    private static String prefixFor(int depth) {
        return depth == 0 ? "" : ">".repeat(depth) + " ";
    }

    private void endLine() {
        if (line.length() == 0) {
            startLine();
        }
        out.append(line).append('\n');
        line.setLength(0);
        space = false;
        lineNumber++;
    }

    /** @return the current line number and position, for {@link #link} (position -1: line not started) */
    int[] mark() {
        return new int[] {lineNumber, line.length() == 0 ? -1 : line.length()};
    }

    /**
     * Makes the text written since {@code mark} a Markdown link; writes the address alone when
     * there is no text, nothing more when the text is the address, or appends it in parentheses
     * when the link text ran over several lines.
     */
    void link(int[] mark, String href) {
        int at = mark[1] < 0 ? prefix.length() : mark[1];
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        if (mark[0] != lineNumber) {
            raw(" (" + href + ")");
        } else if (at >= line.length()) {
            raw(href);
        } else if (!line.substring(at).strip().equals(href)) {
            line.insert(at, '[');
            raw("](" + href + ")");
        }
    }

    String finish() {
        if (line.length() > 0) {
            endLine();
        }
        return out.toString();
    }
}
