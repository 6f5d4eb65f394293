package dev.mailwright.inbound.internal;

import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.suppression.SuppressionEntry;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.bounce.BounceEvent;
import dev.mailwright.inbound.bounce.BounceHandler;
import dev.mailwright.inbound.bounce.BounceOutcome;
import dev.mailwright.inbound.bounce.BounceRecognizer;
import dev.mailwright.inbound.spi.InboundStage;
import dev.mailwright.inbound.spi.StageContext;
import dev.mailwright.inbound.spi.StageResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code bounce} stage, before the automated-mail guard: a bounce, complaint or auto-reply sent
 * to a signed bounce address (VERP) is counted in the suppression list and handed to the host's
 * bounce handler; one sent to a forged bounce address, or that no verified address attributes,
 * stops with its reason and suppresses nobody. Ordinary mail passes. A bounce is never answered.
 */
public final class BounceStage implements InboundStage {
    private static final Logger LOG = LoggerFactory.getLogger(BounceStage.class);

    private final BounceRecognizer recognizer;
    private final BounceHandler handler;
    private final SuppressionList suppressions;
    private final HostCalls calls;

    /**
     * @param recognizer recognises and attributes the reports
     * @param handler the host's bounce handler, or null
     * @param suppressions the suppression list, or null
     * @param calls how the handler is called and retried
     */
    public BounceStage(BounceRecognizer recognizer, BounceHandler handler, SuppressionList suppressions, HostCalls calls) {
        this.recognizer = recognizer;
        this.handler = handler;
        this.suppressions = suppressions;
        this.calls = calls;
    }

    @Override
    public StageResult process(StageContext ctx) {
        BounceOutcome outcome = recognizer.recognize(ctx.source().content(), ctx.envelope().recipients());
        if (outcome instanceof BounceOutcome.NotABounce) {
            return ctx.pass();
        }
        if (outcome instanceof BounceOutcome.Forged f) {
            return ctx.stop(new Disposition.Rejected("bounce.forged", "sent to the bounce address " + f.address()
                    + ", whose signature does not verify (" + f.reason() + "): forged, or signed by a removed key;"
                    + " nothing is recorded"));
        }
        if (outcome instanceof BounceOutcome.Unattributed u) {
            return ctx.stop(new Disposition.Discarded("bounce.unattributed", "a " + u.format() + " report that no"
                    + " verified bounce address attributes (" + u.reason() + "): nobody is suppressed"));
        }
        if (outcome instanceof BounceOutcome.Unreadable u) {
            return ctx.stop(new Disposition.Rejected("bounce.unreadable", "sent to a bounce address but unreadable ("
                    + u.reason() + "): nobody is suppressed"));
        }
        return recorded(ctx, ((BounceOutcome.Bounce) outcome).event());
    }

    private StageResult recorded(StageContext ctx, BounceEvent event) {
        ReplyTarget n = event.notification();
        String what = event.classification().detail() + " (" + event.format() + ") for " + event.recipient()
                + ", notification of " + n.type() + " " + n.id() + " to user " + n.userId();
        if (handler == null && suppressions == null) {
            return ctx.stop(new Disposition.Discarded("bounce.unhandled", what + "; neither a bounce handler nor a"
                    + " suppression list is configured (InboundPipeline.Builder.bounceHandler, suppressionList)"));
        }
        StringBuilder reason = new StringBuilder("bounce: ").append(what);
        if (suppressions != null) {
            Optional<SuppressionEntry> entry = event.recordIn(suppressions);
            reason.append(entry.map(e -> "; suppression list: score " + e.score()
                    + (e.isSuppressed() ? ", suppressed" : ", not suppressed")).orElse("; counts nothing in the suppression list"));
        }
        LOG.info("bounce for {}: {}", event.recipient(), event.classification().detail());
        String key = event.eventId().isEmpty() ? ctx.source().id() : event.eventId();
        Disposition d = handler == null ? new Disposition.Delivered(n, key) : calls.attempt(ctx.source(), "bounce", () -> {
            handler.handle(event);
            return new Disposition.Delivered(n, key);
        });
        if (d instanceof Disposition.Delivered) {
            ((Exchange) ctx).reason(reason.append(handler == null ? "" : "; handed to the bounce handler").toString());
        }
        return ctx.stop(d);
    }
}
