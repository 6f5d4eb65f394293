package dev.mailwright.dns.internal;

import dev.mailwright.dns.internal.SpfRecord.Term;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Evaluates SPF (RFC 7208 check_host) for one address, or for no address to visit every term and
 * count the DNS lookups and void lookups the record costs in the worst case. With macros (the
 * receiving side, {@link dev.mailwright.dns.DnsSpfEvaluator}) the walk is an evaluation: macros are
 * expanded, more than 10 DNS-querying terms or 2 void lookups are a permerror, and a lookup that
 * gets no answer is a temperror.
 */
final class SpfWalker {
    static final int LOOKUP_LIMIT = 10;
    static final int VOID_LIMIT = 2;
    private static final int MX_LIMIT = 10;

    /** The result of check_host. */
    enum Result { PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR }

    private final CheckContext c;
    private final InetAddress ip;
    int lookups;
    final List<String> voids = new ArrayList<>();
    final Set<String> notes = new LinkedHashSet<>();
    final List<String> evidence = new ArrayList<>();
    private final Set<String> visiting = new LinkedHashSet<>();
    private final SpfMacros macros;

    /**
     * @param c the context
     * @param ip the address to check, or null to match nothing and visit every term
     */
    SpfWalker(CheckContext c, InetAddress ip) {
        this(c, ip, null);
    }

    /**
     * @param c the context
     * @param ip the address to check
     * @param macros the sender, HELO and address for macros: an evaluation with the RFC's limits
     */
    SpfWalker(CheckContext c, InetAddress ip, SpfMacros macros) {
        this.c = c;
        this.ip = ip;
        this.macros = macros;
    }

    private boolean evaluating() {
        return macros != null;
    }

    /** @return PERMERROR when an evaluation went past the lookup or void limits, else null */
    private Result overLimit() {
        if (!evaluating()) {
            return null;
        }
        if (lookups > LOOKUP_LIMIT) {
            notes.add("more than " + LOOKUP_LIMIT + " DNS-querying terms (RFC 7208 section 4.6.4)");
            return Result.PERMERROR;
        }
        if (voids.size() > VOID_LIMIT) {
            notes.add("more than " + VOID_LIMIT + " lookups returned nothing (RFC 7208 section 4.6.4)");
            return Result.PERMERROR;
        }
        return null;
    }

    /** The SPF records of a domain: TXT strings joined, filtered on {@code v=spf1}. */
    static List<String> spfRecords(Answer txt) {
        List<String> out = new ArrayList<>();
        for (Record r : txt.records()) {
            String joined = String.join("", ((TXTRecord) r).getStrings());
            if (SpfRecord.isSpf(joined)) {
                out.add(joined);
            }
        }
        return out;
    }

    Result check(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (!visiting.add(d)) {
            notes.add("the SPF record of " + d + " includes itself (a loop)");
            return Result.PERMERROR;
        }
        try {
            Answer txt = c.dns.lookup(d, Type.TXT);
            if (txt instanceof Answer.Failed) {
                notes.add("could not read the SPF record of " + d + ": " + ((Answer.Failed) txt).reason());
                return Result.TEMPERROR;
            }
            List<String> records = spfRecords(txt);
            if (records.size() != 1) {
                notes.add(d + " has " + records.size() + " SPF records");
                return records.isEmpty() ? Result.NONE : Result.PERMERROR;
            }
            evidence.add(d + " TXT \"" + records.get(0) + "\"");
            SpfRecord spf = SpfRecord.parse(records.get(0));
            if (!spf.errors().isEmpty()) {
                notes.add("syntax errors in the SPF record of " + d + ": " + String.join("; ", spf.errors()));
                return Result.PERMERROR;
            }
            return evaluate(d, spf);
        } finally {
            visiting.remove(d);
        }
    }

    private Result evaluate(String domain, SpfRecord spf) {
        Result worst = null;
        for (Term t : spf.terms()) {
            if (t.modifier()) {
                continue;
            }
            Result r = term(domain, t);
            if (r == Result.PASS) {
                return qualified(t.qualifier());
            }
            if (r == Result.PERMERROR || r == Result.TEMPERROR) {
                worst = worst == null ? r : worst;
                if (ip != null) {
                    return r;
                }
            }
        }
        if (spf.redirect().isPresent()) {
            lookups++;
            String target = spf.redirect().get();
            if (evaluating()) {
                if (overLimit() != null) {
                    return Result.PERMERROR;
                }
                java.util.Optional<String> expanded = macros.expand(target, domain);
                if (expanded.isEmpty()) {
                    notes.add("the redirect " + target + " has an invalid macro");
                    return Result.PERMERROR;
                }
                target = expanded.get();
            }
            Result r = check(target);
            return r == Result.NONE ? Result.PERMERROR : r;
        }
        return worst != null ? worst : Result.NEUTRAL;
    }

    /** @return PASS when the term matches, NEUTRAL when it does not, an error otherwise */
    private Result term(String domain, Term t) {
        String target = t.argument().isEmpty() ? domain : t.argument();
        if (t.needsLookup()) {
            lookups++;
            if (overLimit() != null) {
                return Result.PERMERROR;
            }
            if (target.contains("%") && !evaluating()) {
                notes.add("the term " + t + " uses SPF macros, which this check does not expand");
                return Result.NEUTRAL;
            }
            if (target.contains("%")) {
                java.util.Optional<String> expanded = macros.expand(target, domain);
                if (expanded.isEmpty()) {
                    notes.add("the term " + t + " has an invalid macro");
                    return Result.PERMERROR;
                }
                target = expanded.get();
            }
        }
        Result failed = evaluating() ? unanswered(t.name(), target) : null;
        if (failed != null) {
            return failed;
        }
        switch (t.name()) {
            case "all":
                return ip == null ? Result.NEUTRAL : Result.PASS;
            case "include": {
                Result r = check(target);
                if (r == Result.NONE) {
                    if (c.dns.lookup(target, Type.TXT).isEmpty()) {
                        voids.add("include:" + target);
                    }
                    notes.add("include:" + target + " names a domain without an SPF record (a permanent error)");
                    return Result.PERMERROR;
                }
                return r == Result.PASS ? Result.PASS : r == Result.PERMERROR || r == Result.TEMPERROR ? r : Result.NEUTRAL;
            }
            case "a":
                return voidChecked(matchAny(addresses(target, "a:" + target), t));
            case "mx":
                return voidChecked(mx(target, t));
            case "ptr":
                notes.add("the ptr mechanism is deprecated (RFC 7208 §5.5) and ignored by many receivers: use ip4/ip6 or a");
                return ptr(target);
            case "exists":
                return voidChecked(addresses(target, "exists:" + target).isEmpty() ? Result.NEUTRAL : Result.PASS);
            case "ip4":
            case "ip6":
                return ip != null && Cidr.contains(t.argument(), ip instanceof Inet4Address ? t.cidr4() : t.cidr6(), ip)
                        ? Result.PASS : Result.NEUTRAL;
            default:
                return Result.NEUTRAL;
        }
    }

    /**
     * In an evaluation, asks the term's questions first: no answer is a temperror (never a
     * no-match that {@code -all} would turn into a fail).
     *
     * @return TEMPERROR when a question of the term got no answer, else null
     */
    private Result unanswered(String name, String target) {
        boolean failed;
        switch (name) {
            case "a", "exists" -> failed = c.addresses(target).failed();
            case "mx" -> {
                Answer mx = c.dns.lookup(target, Type.MX);
                failed = mx instanceof Answer.Failed
                        || InboundChecks.targets(mx.records()).stream().limit(MX_LIMIT).anyMatch(h -> c.addresses(h).failed());
            }
            default -> failed = false;
        }
        if (failed) {
            notes.add("the " + name + " lookup for " + target + " got no answer from DNS");
            return Result.TEMPERROR;
        }
        return null;
    }

    private Result mx(String target, Term t) {
        Answer mx = c.dns.lookup(target, Type.MX);
        if (mx.isEmpty()) {
            voids.add("mx:" + target);
        }
        List<String> hosts = InboundChecks.targets(mx.records());
        if (hosts.size() > MX_LIMIT) {
            notes.add("mx:" + target + " has more than " + MX_LIMIT + " MX records");
            return Result.PERMERROR;
        }
        List<InetAddress> all = new ArrayList<>();
        for (String h : hosts) {
            all.addAll(c.addresses(h).addresses());
        }
        return matchAny(all, t);
    }

    private Result ptr(String target) {
        if (ip == null) {
            return Result.NEUTRAL;
        }
        Answer ptr = c.dns.lookup(ReverseMap.fromAddress(ip).toString(), Type.PTR);
        for (Record r : ptr.records()) {
            String name = ((PTRRecord) r).getTarget().toString(true).toLowerCase(Locale.ROOT);
            if ((name.equals(target) || name.endsWith("." + target)) && c.addresses(name).addresses().contains(ip)) {
                return Result.PASS;
            }
        }
        return Result.NEUTRAL;
    }

    private List<InetAddress> addresses(String name, String term) {
        CheckContext.AddressAnswer a = c.addresses(name);
        if (a.a().isEmpty() && a.aaaa().isEmpty()) {
            voids.add(term);
        }
        return a.addresses();
    }

    /** @return the result, or PERMERROR when an evaluation went past the void limit with it */
    private Result voidChecked(Result r) {
        return evaluating() && voids.size() > VOID_LIMIT ? overLimit() : r;
    }

    private Result matchAny(List<InetAddress> addresses, Term t) {
        if (ip == null) {
            return Result.NEUTRAL;
        }
        for (InetAddress a : addresses) {
            boolean v4 = a instanceof Inet4Address;
            if (v4 == ip instanceof Inet4Address && Cidr.contains(a.getHostAddress(), v4 ? t.cidr4() : t.cidr6(), ip)) {
                return Result.PASS;
            }
        }
        return Result.NEUTRAL;
    }

    private static Result qualified(String qualifier) {
        switch (qualifier) {
            case "-":
                return Result.FAIL;
            case "~":
                return Result.SOFTFAIL;
            case "?":
                return Result.NEUTRAL;
            default:
                return Result.PASS;
        }
    }
}
