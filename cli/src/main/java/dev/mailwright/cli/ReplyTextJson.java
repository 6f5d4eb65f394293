package dev.mailwright.cli;

import dev.mailwright.core.diagnostics.JsonWriter;
import dev.mailwright.inbound.reply.ExtractedReply;
import java.util.Locale;

/** The JSON printed by {@code mailwright reply-text --json}: one object, keys in a fixed order. */
final class ReplyTextJson {
    private ReplyTextJson() {
    }

    static String of(ExtractedReply reply, String source) {
        return "{\"text\": " + quote(reply.text())
                + ", \"removed\": " + quote(reply.removed())
                + ", \"confidence\": " + String.format(Locale.ROOT, "%.2f", reply.confidence())
                + ", \"empty\": " + reply.isEmpty()
                + ", \"source\": " + quote(source) + "}";
    }

    static String quote(String s) {
        return JsonWriter.string(s);
    }
}
