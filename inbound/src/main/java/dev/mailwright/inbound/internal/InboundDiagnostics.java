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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code inbound} section of the diagnostics report: how many messages this process filed
 * under each disposition and reason code, what the listener accepted and refused, and whether
 * the settings allow incoming mail. Found through {@link java.util.ServiceLoader}.
 */
public final class InboundDiagnostics implements DiagnosticsContributor {
    private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    /**
     * @param counter a counter name such as {@code success}, {@code failure.address.forged} or
     *     {@code listener.refused}
     */
    public static void count(String counter) {
        COUNTERS.computeIfAbsent(counter, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Counts a disposition under its folder and, for failures and discards, its reason code.
     *
     * @param d the disposition
     */
    public static void record(Disposition d) {
        count(d.folder());
        if (d instanceof Disposition.Rejected r) {
            count("failure." + r.code());
        } else if (d instanceof Disposition.Discarded x) {
            count("discarded." + x.code());
        }
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

    /** @return a copy of the counters, sorted by name */
    public static Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        COUNTERS.keySet().stream().sorted().forEach(k -> out.put(k, COUNTERS.get(k).get()));
        return out;
    }

    @Override
    public String name() {
        return "inbound";
    }

    @Override
    public DiagnosticsSection contribute(EmailSettings settings) {
        Map<String, String> facts = new LinkedHashMap<>();
        counters().forEach((k, v) -> facts.put(k, Long.toString(v)));
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
        long forged = COUNTERS.getOrDefault("failure.address.forged", new AtomicLong()).get();
        if (forged > 0) {
            findings.add(Finding.warning("inbound.forged", forged + " message(s) carried a forged or tampered reply address",
                    "nothing to do if they are spam; if real replies are refused, check that the key ring still holds"
                    + " the key that signed them (keep old keys as verify-only after a rotation)"));
        }
        if (COUNTERS.isEmpty()) {
            findings.add(Finding.info("inbound.idle", "no incoming message was processed by this process yet"));
        }
        return new DiagnosticsSection("inbound", "Incoming mail", facts, findings);
    }
}
