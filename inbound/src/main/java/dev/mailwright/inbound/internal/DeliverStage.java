package dev.mailwright.inbound.internal;

import dev.mailwright.core.spi.DeliveryLedger;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.NewThreadDecision;
import dev.mailwright.inbound.NewThreadHandler;
import dev.mailwright.inbound.NewThreadMail;
import dev.mailwright.inbound.ReplyHandler;
import dev.mailwright.inbound.spi.StageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The last stage, {@code deliver}: records each prepared delivery (a reply, or mail for a new
 * thread) in the delivery ledger and calls the host's handler at most once per delivery key,
 * batched so that one ledger write covers a whole batch.
 */
public final class DeliverStage {
    private final DeliveryLedger ledger;
    private final ReplyHandler handler;
    private final NewThreadHandler newThreadHandler;
    private final HostCalls calls;

    /**
     * @param ledger the delivery ledger
     * @param handler the host's reply handler
     * @param newThreadHandler the host's new-thread handler, or null
     * @param calls how the handlers are called and retried
     */
    public DeliverStage(DeliveryLedger ledger, ReplyHandler handler, NewThreadHandler newThreadHandler, HostCalls calls) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.newThreadHandler = newThreadHandler;
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * @param pending messages that passed every other stage, each with a reply or a new-thread mail prepared
     * @return their dispositions, in order, each saying whether a rejection may be answered; each
     *     exchange's filed reason is set
     */
    public List<StageResult.Stop> deliver(List<Exchange> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<DeliveryLedger.Entry> entries = pending.stream()
                .map(x -> new DeliveryLedger.Entry(key(x), x.source().id())).toList();
        List<DeliveryLedger.Decision> decisions = ledger.begin(entries);
        List<DeliveryLedger.Entry> delivered = new ArrayList<>();
        List<DeliveryLedger.Entry> released = new ArrayList<>();
        List<StageResult.Stop> out = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Exchange x = pending.get(i);
            DeliveryLedger.Decision decision = decisions.get(i);
            Disposition d = decide(x, decision);
            if (decision == DeliveryLedger.Decision.DELIVER || decision == DeliveryLedger.Decision.REDELIVER) {
                (handled(d) ? delivered : released).add(entries.get(i));
            }
            x.reason(InboundDiagnostics.describe(d) + "\nsender check: " + x.verdict().reason());
            boolean refusedSilently = x.newThread() != null && d instanceof Disposition.Rejected r
                    && !r.code().equals("handler.failed") && !notifyRefused(x);
            out.add(new StageResult.Stop(d, x.answerable() && !refusedSilently));
        }
        ledger.finish(delivered, released);
        return out;
    }

    /** @return the ledger, to close with the pipeline */
    public DeliveryLedger ledger() {
        return ledger;
    }

    private static boolean notifyRefused(Exchange x) {
        return Boolean.TRUE.equals(x.notifyRefused());
    }

    private static boolean handled(Disposition d) {
        return d instanceof Disposition.Delivered || d instanceof Disposition.NewThread
                || d instanceof Disposition.Rejected r && !r.code().equals("handler.failed");
    }

    private static String key(Exchange x) {
        return x.reply() != null ? x.reply().deliveryKey() : x.newThread().deliveryKey();
    }

    private Disposition decide(Exchange x, DeliveryLedger.Decision decision) {
        String key = key(x);
        String messageId = x.messageId();
        return switch (decision) {
            case DELIVER -> call(x, false);
            case REDELIVER -> call(x, true);
            case ALREADY_DELIVERED_SAME_FILE -> x.reply() != null ? new Disposition.Delivered(x.reply().target(), key)
                    : new Disposition.NewThread(x.newThread().scope(), new NewThreadDecision.Created(
                            "already handed to the new-thread handler under key " + key), key);
            case DUPLICATE -> new Disposition.Discarded("duplicate", "already delivered under key " + key
                    + " (same Message-ID " + messageId + " and content)");
            case IN_FLIGHT_ELSEWHERE -> new Disposition.Discarded("duplicate", "another process is delivering the same"
                    + " reply right now (key " + key + ", Message-ID " + messageId
                    + "); its copy is delivered, retried or recovered, never this one");
        };
    }

    private Disposition call(Exchange x, boolean redelivery) {
        DeliveredReply reply = x.reply();
        if (reply != null) {
            DeliveredReply r = redelivery ? reply.asPossibleRedelivery() : reply;
            return calls.attempt(x.source(), "reply", () -> {
                handler.handle(r);
                return new Disposition.Delivered(r.target(), r.deliveryKey());
            });
        }
        NewThreadMail m = redelivery ? redelivered(x.newThread()) : x.newThread();
        return calls.attempt(x.source(), "new-thread", () -> {
            NewThreadDecision decision = Objects.requireNonNull(newThreadHandler.handle(m),
                    "the new-thread handler returned null; return a NewThreadDecision");
            if (decision instanceof NewThreadDecision.Refused refused) {
                x.notifyRefused(refused.notifySender());
                return new Disposition.Rejected(refused.code(), refused.reason());
            }
            return new Disposition.NewThread(m.scope(), decision, m.deliveryKey());
        });
    }

    private static NewThreadMail redelivered(NewThreadMail m) {
        return new NewThreadMail(m.scope(), m.sender(), m.senderName(), m.senderVerdict(), m.authentication(),
                m.subject(), m.text(), m.signature(), m.attachments(), m.messageId(), m.deliveryKey(), true, m.original());
    }
}
