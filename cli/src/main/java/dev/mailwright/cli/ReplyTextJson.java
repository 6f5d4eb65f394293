package dev.mailwright.cli;

import dev.mailwright.inbound.reply.ExtractedReply;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The result of {@code mailwright reply-text --json}: keys in a fixed order. */
final class ReplyTextJson {
    private ReplyTextJson() {
    }

    static Map<String, Object> of(ExtractedReply reply, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", reply.text());
        m.put("removed", reply.removed());
        m.put("confidence", BigDecimal.valueOf(reply.confidence()).setScale(2, RoundingMode.HALF_UP));
        m.put("empty", reply.isEmpty());
        m.put("source", source);
        return m;
    }
}
