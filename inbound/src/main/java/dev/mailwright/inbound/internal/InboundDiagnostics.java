package dev.mailwright.inbound.internal;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.spi.DiagnosticsContributor;
import dev.mailwright.inbound.Disposition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code inbound} section of the diagnostics report: whether the settings allow incoming mail
 * and, when made from a listener's or a pipeline's {@code statistics()}, how many messages that
 * instance filed under each disposition and reason code and what its listener accepted and
 * refused. The instance found through {@link java.util.ServiceLoader} has no instance to count
 * for: it reports the settings only.
 */
public final class InboundDiagnostics implements DiagnosticsContributor {
    private final InboundCounters counters;

    /** The section without counters, as {@link java.util.ServiceLoader} makes it. */
    public InboundDiagnostics() {
        this.counters = null;
    }

    /** @param counters the counters of one listener or pipeline */
    public InboundDiagnostics(InboundCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * @param d a disposition
     * @return the first line of the reason kept beside the filed message
     */
    public static String describe(Disposition d) {
        if (d instanceof Disposition.Delivered del) {
            ReplyTarget t = del.target();
            return "delivered to " + t.type() + " " + t.id() + " for user " + t.userId() + " (key " + del.deliveryKey() + ")";
        }
        if (d instanceof Disposition.NewThread nt) {
            return "new thread in " + nt.scope().type() + " " + nt.scope().id() + ": " + (nt.decision() instanceof dev.mailwright.inbound.NewThreadDecision.Created c
                    ? "created " + c.reference() : "held for moderation: "
                    + ((dev.mailwright.inbound.NewThreadDecision.HeldForModeration) nt.decision()).reason()) + " (key "
                    + nt.deliveryKey() + ")";
        }
        if (d instanceof Disposition.Rejected r) {
            return "rejected: " + r.code() + ": " + r.reason();
        }
        if (d instanceof Disposition.Discarded x) {
            return "discarded: " + x.code() + ": " + x.reason();
        }
        Disposition.RetryLater r = (Disposition.RetryLater) d;
        return "retry after " + r.notBefore() + ": " + r.reason();
    }

    @Override
    public String name() {
        return "inbound";
    }

    @Override
    public DiagnosticsSection contribute(EmailSettings settings) {
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, Long> counted = counters == null ? Map.of() : counters.snapshot();
        counted.forEach((k, v) -> facts.put(k, Long.toString(v)));
        List<Finding> findings = new ArrayList<>();
        if (settings.hostname().isEmpty()) {
            findings.add(Finding.failure("inbound.hostname.missing", "no host name is set, so no reply address can be verified",
                    "set mailwright.hostname to the instance host name (replies arrive under reply.<hostname>)"));
        } else {
            facts.put("reply domain", settings.replyDomain());
            facts.put("no-reply domain", settings.noReplyDomain());
        }
        facts.put("discard mail to the no-reply address", Boolean.toString(settings.discardNoReplyMail()));
        facts.put("enforce TLS for incoming SMTP", Boolean.toString(settings.enforceTlsForIncoming()));
        long forged = counted.getOrDefault("failure.address.forged", 0L);
        if (forged > 0) {
            findings.add(Finding.warning("inbound.forged", forged + " message(s) carried a forged or tampered reply address",
                    "nothing to do if they are spam; if real replies are refused, check that the key ring still holds"
                    + " the key that signed them (keep old keys as verify-only after a rotation)"));
        }
        if (counters == null) {
            findings.add(Finding.info("inbound.counters.elsewhere", "message counts are kept by each running listener"
                    + " and pipeline: a report made in their process shows them (statistics().diagnostics())"));
        } else if (counted.isEmpty()) {
            findings.add(Finding.info("inbound.idle", "no incoming message was processed by this listener or pipeline yet"));
        }
        return new DiagnosticsSection("inbound", "Incoming mail", facts, findings);
    }
}
