package dev.mailwright.inbound.reply;

import dev.mailwright.inbound.internal.reply.StandardReplyTextExtractor;

/**
 * Separates the new text of a reply from quoted history, reply headers and signatures.
 * Implementations are thread-safe.
 */
public interface ReplyTextExtractor {

    /**
     * @param input the parsed reply
     * @return the new text, what was removed, and a confidence
     */
    ExtractedReply extract(ReplyInput input);

    /** @return Mailwright's extractor */
    static ReplyTextExtractor standard() {
        return new StandardReplyTextExtractor();
    }
}
