package dev.mailwright.inbound.internal.reply;

/** What one line of a reply is. Kept kinds end up in the new text; the others are removed. */
enum LineKind {
    /** New text. */
    TEXT(true),
    /** A line of a fenced or indented code block: new text that no pattern is matched against. */
    CODE(true),
    /** An empty line. */
    BLANK(true),
    /** A quoted line ({@code >} at any depth). */
    QUOTE(false),
    /** A quoted line kept as the context of an answer in an interleaved reply. */
    CONTEXT(true),
    /** An "On … wrote:" line (or its wrapped parts). */
    HEADER(false),
    /**
     * A line that reads like a reply header but holds no date or address ("Bob wrote:"), above a
     * quote: removed, unless the quote under it is the one passage the person answered (then the
     * person may have typed both, and both are kept).
     */
    WEAK_HEADER(false),
    /** A signature line. */
    SIGNATURE(false),
    /** A line of a legal disclaimer. */
    DISCLAIMER(false),
    /** A line of the footer of our own notification. */
    FOOTER(false),
    /** Unmarked quoted history: from an Outlook header block or a separator to the end. */
    HISTORY(false);

    private final boolean kept;

    LineKind(boolean kept) {
        this.kept = kept;
    }

    boolean kept() {
        return kept;
    }
}
