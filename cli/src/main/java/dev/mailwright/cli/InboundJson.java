package dev.mailwright.cli;

import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.AttachmentInfo;
import dev.mailwright.inbound.AuthenticationResults;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.UnsubscribeRequest;
import dev.mailwright.inbound.spi.SenderVerdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events {@code mailwright inbound run} and {@code listen} print, one JSON line per message:
 * {@code reply} and {@code unsubscribe} for what the host took, {@code rejected}, {@code discarded}
 * and {@code retry} with their code and reason, each with {@code file}, where the message was filed.
 */
final class InboundJson {
    private InboundJson() {
    }

    /** @return the event of a reply handed to the host (its {@code file} is added once it is filed) */
    static Map<String, Object> event(DeliveredReply r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "reply");
        m.put("target", target(r.target()));
        m.put("sender", r.sender());
        m.put("messageId", r.messageId());
        m.put("deliveryKey", r.deliveryKey());
        m.put("text", r.text());
        m.put("confidence", r.confidence());
        m.put("senderCheck", senderCheck(r.senderVerdict()));
        m.put("authentication", authentication(r.authentication()));
        m.put("attachments", r.attachments().stream().map(InboundJson::attachment).toList());
        m.put("possibleRedelivery", r.possibleRedelivery());
        return m;
    }

    /** @return the event of a request to unsubscribe handed to the host */
    static Map<String, Object> event(UnsubscribeRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "unsubscribe");
        m.put("target", target(r.target()));
        m.put("sender", r.sender());
        m.put("messageId", r.messageId());
        m.put("senderCheck", senderCheck(r.senderVerdict()));
        m.put("authentication", authentication(r.authentication()));
        return m;
    }

    /**
     * @param handed the event of what the host was handed, or null
     * @param d the disposition
     * @param file where the message was filed
     * @return the event to print: what the host took, or why the message was not handed over
     */
    static Map<String, Object> event(Map<String, Object> handed, Disposition d, String file) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d instanceof Disposition.Delivered delivered) {
            if (handed != null) {
                m.putAll(handed);
            } else {
                m.put("event", "delivered");
                m.put("target", target(delivered.target()));
                m.put("deliveryKey", delivered.deliveryKey());
            }
        } else if (d instanceof Disposition.NewThread nt) {
            m.put("event", "new-thread");
            m.put("scopeType", nt.scope().type());
            m.put("scopeId", nt.scope().id());
            m.put("outcome", nt.decision() instanceof dev.mailwright.inbound.NewThreadDecision.Created c
                    ? "created " + c.reference() : "held for moderation");
            m.put("deliveryKey", nt.deliveryKey());
        } else if (d instanceof Disposition.Rejected r) {
            m.put("event", "rejected");
            m.put("code", r.code());
            m.put("reason", r.reason());
        } else if (d instanceof Disposition.Discarded x) {
            m.put("event", "discarded");
            m.put("code", x.code());
            m.put("reason", x.reason());
        } else if (d instanceof Disposition.RetryLater r) {
            m.put("event", "retry");
            m.put("reason", r.reason());
            m.put("attempt", r.attempt());
            m.put("notBefore", r.notBefore().toString());
        }
        m.put("file", file);
        return m;
    }

    private static Map<String, Object> attachment(AttachmentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileName", a.fileName());
        m.put("contentType", a.contentType());
        m.put("size", a.size());
        return m;
    }

    private static Map<String, Object> target(ReplyTarget t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", Output.value(t.type()));
        m.put("id", t.id());
        m.put("user", t.userId());
        return m;
    }

    private static Map<String, Object> senderCheck(SenderVerdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accepted", v.accepted());
        m.put("reason", v.reason());
        return m;
    }

    private static Map<String, Object> authentication(AuthenticationResults a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dkim", a.dkim());
        m.put("spf", a.spf());
        m.put("dmarc", a.dmarc());
        return m;
    }
}
