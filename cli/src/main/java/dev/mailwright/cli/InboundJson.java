package dev.mailwright.cli;

import dev.mailwright.inbound.AttachmentInfo;
import dev.mailwright.inbound.DeliveredReply;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a delivered reply as one JSON line. */
final class InboundJson {
    private InboundJson() {
    }

    static void print(PrintWriter out, DeliveredReply r) {
        StringBuilder b = new StringBuilder(256 + r.text().length());
        b.append("{\"target\":{\"type\":").append(str(r.target().type().name().toLowerCase(Locale.ROOT)))
                .append(",\"id\":").append(r.target().id()).append(",\"user\":").append(r.target().userId()).append('}')
                .append(",\"sender\":").append(str(r.sender()))
                .append(",\"messageId\":").append(str(r.messageId()))
                .append(",\"deliveryKey\":").append(str(r.deliveryKey()))
                .append(",\"text\":").append(str(r.text()))
                .append(",\"confidence\":").append(r.confidence())
                .append(",\"senderCheck\":{\"accepted\":").append(r.senderVerdict().accepted())
                .append(",\"reason\":").append(str(r.senderVerdict().reason())).append('}')
                .append(",\"authentication\":{\"dkim\":").append(str(r.authentication().dkim()))
                .append(",\"spf\":").append(str(r.authentication().spf()))
                .append(",\"dmarc\":").append(str(r.authentication().dmarc())).append('}')
                .append(",\"attachments\":[");
        for (int i = 0; i < r.attachments().size(); i++) {
            AttachmentInfo a = r.attachments().get(i);
            b.append(i == 0 ? "" : ",").append("{\"fileName\":").append(str(a.fileName()))
                    .append(",\"contentType\":").append(str(a.contentType())).append(",\"size\":").append(a.size()).append('}');
        }
        b.append("],\"possibleRedelivery\":").append(r.possibleRedelivery())
                .append(",\"file\":").append(str(r.original().location())).append('}');
        synchronized (out) {
            out.println(b);
            out.flush();
        }
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
