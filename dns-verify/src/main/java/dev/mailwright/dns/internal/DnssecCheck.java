package dev.mailwright.dns.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNSSEC validation where the zone is signed: the zone's key-signing keys become the trust anchor
 * of dnsjava's {@link ValidatingResolver}, which then validates the answers for the records the
 * other checks read. This proves the zone's signatures are valid and current; the DS record at the
 * parent (the chain of trust) is out of scope.
 */
final class DnssecCheck {
    private DnssecCheck() {
    }

    static void run(CheckContext c) {
        String apex = c.plan.hostname();
        while (true) {
            Answer soa = c.dns.lookup(apex, Type.SOA);
            if (soa instanceof Answer.Records) {
                break;
            }
            if (soa instanceof Answer.Failed f) {
                c.unanswered("dns.dnssec", "the SOA record of " + apex + " (to find the zone of " + c.plan.hostname() + ")",
                        f.reason(), soa.evidence());
                return;
            }
            if (apex.indexOf('.') < 0) {
                c.add(Findings.info("dns.dnssec", "no zone holding " + c.plan.hostname() + " answered with its SOA record:"
                        + " DNSSEC not checked", soa.evidence()));
                return;
            }
            apex = apex.substring(apex.indexOf('.') + 1);
        }
        // only the zone's own apex is asked for its keys: above it, an authoritative-only server
        // (the zone's own, as a new administrator tries it) answers REFUSED
        Answer keys = c.dns.lookup(apex, Type.DNSKEY);
        if (keys instanceof Answer.Failed f) {
            c.unanswered("dns.dnssec", "the DNSKEY records of " + apex, f.reason(), keys.evidence());
        } else if (keys instanceof Answer.Records) {
            validate(c, apex, keys.records());
        } else {
            c.add(Findings.info("dns.dnssec", "the zone " + apex + " of " + c.plan.hostname() + " is not signed (no DNSKEY"
                    + " at its apex): DNSSEC not checked", keys.evidence()));
        }
    }

    private static void validate(CheckContext c, String apex, List<Record> dnskeys) {
        List<Record> ksks = new ArrayList<>();
        for (Record r : dnskeys) {
            if ((((DNSKEYRecord) r).getFlags() & 0x0001) != 0) {
                ksks.add(r);
            }
        }
        if (ksks.isEmpty()) {
            c.add(Findings.failure("dns.dnssec", "the zone " + apex + " has DNSKEY records but no key-signing key"
                    + " (flag 257)", "a KSK that signs the DNSKEY set", "Re-sign the zone with a KSK and a ZSK.",
                    List.of()));
            return;
        }
        ValidatingResolver vr = new ValidatingResolver(c.dns.newResolver(), c.plan.clock());
        vr.getTrustAnchors().store(new RRset(ksks));
        Map<String, CompletableFuture<Message>> answers = new LinkedHashMap<>();
        answers.put(c.plan.hostname() + " A", send(c, vr, c.plan.hostname(), Type.A));
        answers.put(c.plan.replyDomain() + " A", send(c, vr, c.plan.replyDomain(), Type.A));
        answers.put(c.plan.replyDomain() + " MX", send(c, vr, c.plan.replyDomain(), Type.MX));
        answers.put(c.plan.noReplyDomain() + " MX", send(c, vr, c.plan.noReplyDomain(), Type.MX));
        if (allSecure(c, apex, answers)) {
            c.add(Findings.pass("dns.dnssec", "the zone " + apex + " is signed and its answers validate ("
                    + String.join(", ", answers.keySet()) + ")", ksks.stream().map(r -> r.toString().replace('\t', ' '))
                    .collect(java.util.stream.Collectors.toList())));
        }
    }

    /** @return true when every answer carries the AD flag; otherwise adds the failure and returns false */
    private static boolean allSecure(CheckContext c, String apex, Map<String, CompletableFuture<Message>> answers) {
        for (Map.Entry<String, CompletableFuture<Message>> e : answers.entrySet()) {
            Message m;
            try {
                m = e.getValue().join();
            } catch (RuntimeException ex) {
                Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                c.add(Findings.failure("dns.dnssec", "could not validate " + e.getKey() + ": " + cause,
                        "an answer from the DNS server", Remedies.resolver(c.dns), List.of()));
                return false;
            }
            if (!m.getHeader().getFlag(Flags.AD)) {
                String reason = reason(m);
                c.add(Findings.failure("dns.dnssec", "DNSSEC validation of " + e.getKey() + " in the signed zone " + apex
                        + " failed (" + Rcode.string(m.getRcode()) + (reason.isEmpty() ? "" : ": " + reason) + ")",
                        "answers whose signatures validate against the zone's key-signing key", "Re-sign the zone "
                        + apex + " (signatures expire; check that the signer runs), or fix the records named above;"
                        + " resolvers that validate treat these names as missing.", List.of(reason)));
                return false;
            }
        }
        return true;
    }

    private static CompletableFuture<Message> send(CheckContext c, ValidatingResolver vr, String name, int type) {
        try {
            Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
            return vr.sendAsync(q).toCompletableFuture()
                    .orTimeout(c.dns.questionBound().toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String reason(Message m) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ADDITIONAL)) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                out.add(r.rdataToString());
            }
        }
        return String.join("; ", out);
    }
}
