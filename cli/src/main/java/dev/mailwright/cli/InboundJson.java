package dev.mailwright.cli;

import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.diagnostics.JsonWriter;
import dev.mailwright.inbound.AttachmentInfo;
import dev.mailwright.inbound.AuthenticationResults;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.UnsubscribeRequest;
import dev.mailwright.inbound.spi.SenderVerdict;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints what the pipeline hands over (a delivered reply, a request to unsubscribe) as one JSON line each. */
final class InboundJson {
    private InboundJson() {
    }

    static void print(PrintWriter out, DeliveredReply r) {
        JsonWriter w = new JsonWriter().beginObject().member("event", "reply");
        target(w, r.target());
        w.member("sender", r.sender()).member("messageId", r.messageId()).member("deliveryKey", r.deliveryKey())
                .member("text", r.text()).name("confidence").value(r.confidence());
        senderCheck(w, r.senderVerdict());
        authentication(w, r.authentication());
        w.name("attachments").beginArray();
        for (AttachmentInfo a : r.attachments()) {
            w.beginObject().member("fileName", a.fileName()).member("contentType", a.contentType())
                    .member("size", a.size()).endObject();
        }
        w.endArray().member("possibleRedelivery", r.possibleRedelivery()).member("file", r.original().location());
        println(out, w.endObject());
    }

    static void print(PrintWriter out, UnsubscribeRequest r) {
        JsonWriter w = new JsonWriter().beginObject().member("event", "unsubscribe");
        target(w, r.target());
        w.member("sender", r.sender()).member("messageId", r.messageId());
        senderCheck(w, r.senderVerdict());
        authentication(w, r.authentication());
        w.member("file", r.original().location());
        println(out, w.endObject());
    }

    private static void target(JsonWriter w, ReplyTarget t) {
        w.name("target").beginObject().member("type", t.type().name().toLowerCase(Locale.ROOT)).member("id", t.id())
                .member("user", t.userId()).endObject();
    }

    private static void senderCheck(JsonWriter w, SenderVerdict v) {
        w.name("senderCheck").beginObject().member("accepted", v.accepted()).member("reason", v.reason()).endObject();
    }

    private static void authentication(JsonWriter w, AuthenticationResults a) {
        w.name("authentication").beginObject().member("dkim", a.dkim()).member("spf", a.spf()).member("dmarc", a.dmarc())
                .endObject();
    }

    private static void println(PrintWriter out, JsonWriter w) {
        synchronized (out) {
            out.println(w);
            out.flush();
        }
    }
}
