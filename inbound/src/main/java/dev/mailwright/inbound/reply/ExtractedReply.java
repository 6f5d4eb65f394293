package dev.mailwright.inbound.reply;

import java.util.Objects;

/**
 * The result of reply-text extraction.
 *
 * @param text the new text the person wrote, trimmed; empty when the reply held only quoted text
 * @param removed what was removed (quoted history, reply header, signature), for a host to show
 *     collapsed
 * @param confidence from 0 to 1: how sure the extractor is that {@code text} is exactly the new
 *     text; a host may send low-confidence replies to review
 */
public record ExtractedReply(String text, String removed, double confidence) {
    /** Validates the fields. */
    public ExtractedReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(removed, "removed");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }

    /** @return true when no new text was found */
    public boolean isEmpty() {
        return text.isBlank();
    }
}
