package dev.mailwright.inbound.reply;

/**
 * The kinds of language data the extractor reads, one plain UTF-8 file each under
 * {@code dev/mailwright/inbound/reply/} (syntax in that folder's {@code README.txt} and in
 * {@code docs/reply-text.md}). A host adds its own with
 * {@link ReplyTextExtractor.Builder#patterns(ReplyPatternKind, java.util.Collection)}.
 */
public enum ReplyPatternKind {
    /** "On … wrote:" lines, e.g. {@code On * wrote:}. */
    REPLY_HEADER("reply-headers.txt"),
    /** "-----Original Message-----" and forwarded-message phrases, without the dashes. */
    SEPARATOR("separators.txt"),
    /** Labels of Outlook's quoted header block, {@code field = label}. */
    HEADER_FIELD("header-fields.txt"),
    /** Whole-line mobile and webmail signatures, e.g. {@code Sent from my *}. */
    SIGNATURE("signatures.txt"),
    /** First words of a legal disclaimer paragraph. */
    DISCLAIMER("disclaimers.txt"),
    /** Lines of the footer of Mailwright's own notification. */
    FOOTER("footers.txt");

    private final String fileName;

    ReplyPatternKind(String fileName) {
        this.fileName = fileName;
    }

    /** @return the name of the built-in data file of this kind */
    public String fileName() {
        return fileName;
    }
}
