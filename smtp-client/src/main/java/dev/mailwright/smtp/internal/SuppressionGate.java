package dev.mailwright.smtp.internal;

import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.core.suppression.SuppressionEntry;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.smtp.RecipientStatus;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suppression list around a send: suppressed recipients are left out (all of them: nothing is
 * sent, the result is {@link SendResult.Suppressed}), and a permanent refusal at {@code RCPT}
 * (a 5xx reply) counts as a bounce of that address. A store that cannot be read or written is
 * logged and the mail goes out: a broken list must not stop every notification.
 */
public final class SuppressionGate {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionGate.class);

    private final SuppressionList list;

    /** @param list the suppression list, or null for none (every message goes out) */
    public SuppressionGate(SuppressionList list) {
        this.list = list;
    }

    /**
     * @param message the composed message
     * @param send delivers a message (with retries)
     * @return the send's result, or {@link SendResult.Suppressed} when every recipient is suppressed
     */
    public SendResult deliver(OutgoingMessage message, Function<OutgoingMessage, SendResult> send) {
        if (list == null) {
            return send.apply(message);
        }
        List<SuppressionEntry> suppressed = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String r : message.recipients()) {
            Optional<SuppressionEntry> entry = status(r);
            if (entry.isPresent() && entry.get().isSuppressed()) {
                suppressed.add(entry.get());
            } else {
                rest.add(r);
            }
        }
        if (rest.isEmpty()) {
            LOG.info("not sending {}: every recipient is suppressed ({})", message.messageId(),
                    suppressed.stream().map(SuppressionEntry::address).toList());
            return new SendResult.Suppressed(message.messageId(), suppressed);
        }
        OutgoingMessage m = suppressed.isEmpty() ? message
                : new OutgoingMessage(message.messageId(), message.envelopeFrom(), rest, message.content(), message.deadline());
        SendResult result = send.apply(m);
        result.recipients().forEach(s -> countRefusal(s, m.messageId()));
        return result;
    }

    private Optional<SuppressionEntry> status(String recipient) {
        try {
            return list.status(recipient);
        } catch (RuntimeException e) {
            LOG.error("cannot read the suppression list for {}; sending anyway: {}", recipient, e.toString());
            return Optional.empty();
        }
    }

    private void countRefusal(RecipientStatus status, String messageId) {
        SmtpReply reply = status.reply();
        if (status.accepted() || reply == null || reply.code() < 500) {
            return;
        }
        Optional<DeliveryProblem> problem = DeliveryProblem.classify(reply.code(), reply.enhancedStatus());
        if (problem.isEmpty()) {
            return;
        }
        try {
            list.record(status.address(), problem.get(), "refused at RCPT: " + reply, "rcpt " + messageId);
        } catch (RuntimeException e) {
            LOG.error("cannot count the refusal of {} ({}) in the suppression list: {}", status.address(), reply, e.toString());
        }
    }
}
