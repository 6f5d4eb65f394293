package dev.mailwright.inbound.internal;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.NewThreadScope;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.NewThreadMail;
import dev.mailwright.inbound.UnsubscribeHandler;
import dev.mailwright.inbound.UnsubscribeRequest;
import dev.mailwright.inbound.spi.InboundStage;
import dev.mailwright.inbound.spi.StageResult;
import jakarta.mail.internet.InternetAddress;

/**
 * The stages that route a verified message away from the reply handler: {@code unsubscribe} (a
 * request sent to the {@code List-Unsubscribe} mailto goes to the unsubscribe handler) and
 * {@code new-thread} (mail to a new-thread address is prepared for the new-thread handler, which
 * the deliver stage calls once per delivery key).
 */
public final class RoutingStages {
    private RoutingStages() {
    }

    /**
     * @param handler the host's unsubscribe handler, or null: requests are then discarded
     *     ({@code unsubscribe.unhandled}), never handed over as a comment
     * @param calls how the handler is called and retried
     * @return the unsubscribe stage
     */
    public static InboundStage unsubscribe(UnsubscribeHandler handler, HostCalls calls) {
        return ctx -> {
            Exchange x = (Exchange) ctx;
            if (!x.isUnsubscribeRequest() || !(x.address().orElse(null) instanceof DecodeResult.Valid valid)) {
                return x.pass();
            }
            ReplyTarget t = valid.target();
            String what = "unsubscribe request from " + x.from() + " for user " + t.userId() + " on " + t.type()
                    + " " + t.id();
            if (handler == null) {
                return x.stop(new Disposition.Discarded("unsubscribe.unhandled", what
                        + "; no unsubscribe handler is configured (InboundPipeline.Builder.unsubscribeHandler);"
                        + " never handed over as a comment"));
            }
            UnsubscribeRequest request = new UnsubscribeRequest(t, x.from(), x.verdict(), x.authentication(),
                    x.messageId(), x.source());
            Disposition d = calls.attempt(x.source(), "unsubscribe", () -> {
                handler.unsubscribe(request);
                return new Disposition.Delivered(t, x.deliveryKey());
            });
            if (d instanceof Disposition.Delivered) {
                x.reason(what + ": handed to the unsubscribe handler");
            }
            return x.stop(d);
        };
    }

    /**
     * @param handled whether a new-thread handler is configured; without one such mail is rejected
     *     ({@code address.new-thread})
     * @return the new-thread stage
     */
    public static InboundStage newThread(boolean handled) {
        return ctx -> {
            Exchange x = (Exchange) ctx;
            if (!(x.address().orElse(null) instanceof DecodeResult.ValidNewThread nt)) {
                return x.pass();
            }
            NewThreadScope scope = nt.scope();
            if (!handled) {
                return new StageResult.Stop(new Disposition.Rejected("address.new-thread", "the address opens a new"
                        + " thread in " + scope.type() + " " + scope.id() + ", and no new-thread handler is configured"
                        + " (InboundPipeline.Builder.newThreadHandler)"), x.answerable());
            }
            ParsedMessage m = x.parsed();
            String[] textAndSignature = NewThreadText.split(m.text(), m.html());
            x.newThread(new NewThreadMail(scope, m.from(), senderName(x), x.verdict(), x.authentication(),
                    subject(x), textAndSignature[0], textAndSignature[1], m.attachments(), m.messageId(),
                    ReplyStages.newThreadKey(m.messageId(), scope, m.from(), x.source().content()), false, x.source()));
            return x.pass();
        };
    }

    private static String senderName(Exchange x) {
        try {
            jakarta.mail.Address[] from = x.message().getFrom();
            String name = from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getPersonal() : null;
            return name == null ? "" : name.strip();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static String subject(Exchange x) {
        try {
            String subject = x.message().getSubject();
            return subject == null ? "" : subject.strip();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
