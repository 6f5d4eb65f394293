package dev.mailwright.inbound.internal.reply;

import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;

/**
 * A first extractor: keeps the text up to the first quoted line or "On ... wrote:" header, and
 * drops a signature after "-- ". Replaced by the full extractor (issue 6).
 */
public final class StandardReplyTextExtractor implements ReplyTextExtractor {
    @Override
    public ExtractedReply extract(ReplyInput input) {
        String body = input.text() != null ? input.text()
                : input.html() == null ? "" : input.html().replaceAll("<[^>]{0,1000}>", "");
        StringBuilder kept = new StringBuilder();
        StringBuilder removed = new StringBuilder();
        boolean cut = false;
        for (String line : body.lines().toList()) {
            if (!cut && (line.startsWith(">") || line.equals("-- ")
                    || (line.startsWith("On ") && line.strip().endsWith("wrote:")))) {
                cut = true;
            }
            (cut ? removed : kept).append(line).append('\n');
        }
        return new ExtractedReply(kept.toString().strip(), removed.toString().strip(), cut ? 0.6 : 0.8);
    }
}
