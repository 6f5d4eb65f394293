package dev.mailwright.cli;

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
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
