package dev.mailwright.core.auth;

import dev.mailwright.core.dkim.DkimResult;
import dev.mailwright.core.dkim.DkimSignatureResult;
import dev.mailwright.core.dkim.DkimVerification;
import dev.mailwright.core.spi.DmarcPolicyLookup;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * DMARC for one message: the policy of the From domain, then alignment of the SPF domain and of
 * each passing DKIM domain with it (strict: equal; relaxed: the same organizational domain). A
 * domain outside the From domain's organizational domain cannot align, so no lookup is made for
 * it. When nothing aligned and SPF, a DKIM key or an organizational domain could not be looked up,
 * the result is a temperror, never a fail that a retry could turn into a pass, and never a pass.
 */
final class DmarcEvaluation {
    private final DmarcPolicyLookup lookup;
    private final Map<String, DmarcDiscovery> cache = new HashMap<>();
    private boolean temporary;

    DmarcEvaluation(DmarcPolicyLookup lookup) {
        this.lookup = lookup;
    }

    DmarcVerdict evaluate(FromDomain.Result from, SpfVerdict spf, DkimVerification dkim) {
        if (!from.problem().isEmpty()) {
            return verdict(DmarcResult.PERMERROR, "", null, false, false, from.problem());
        }
        String d = from.domain();
        DmarcDiscovery discovery = discover(d);
        if (discovery instanceof DmarcDiscovery.TempFail t) {
            return verdict(DmarcResult.TEMPERROR, d, null, false, false, "the DMARC policy could not be looked up: " + t.reason());
        }
        if (discovery instanceof DmarcDiscovery.NotFound) {
            return verdict(DmarcResult.NONE, d, null, false, false, d + " publishes no DMARC policy");
        }
        DmarcDiscovery.Found found = (DmarcDiscovery.Found) discovery;
        DmarcRecord r = found.record();
        boolean spfAligned = spf.isPass() && aligned(spf.domain(), d, found.organizationalDomain(), r.spfAlignment());
        boolean dkimAligned = false;
        for (DkimSignatureResult s : dkim.signatures()) {
            if (s.result() == DkimResult.PASS && aligned(s.domain(), d, found.organizationalDomain(), r.dkimAlignment())) {
                dkimAligned = true;
                break;
            }
        }
        if (spfAligned || dkimAligned) {
            return verdict(DmarcResult.PASS, d, found, spfAligned, dkimAligned, (dkimAligned ? "DKIM" : "SPF")
                    + " passed for a domain aligned with " + d);
        }
        if (temporary || spf.result() == SpfResult.TEMPERROR || dkim.isTemporary()) {
            return verdict(DmarcResult.TEMPERROR, d, found, false, false, "nothing aligned passed, and a DNS lookup"
                    + " did not answer in time (SPF " + spf.result().keyword() + ")");
        }
        return verdict(DmarcResult.FAIL, d, found, false, false, "neither SPF (" + spf.result().keyword() + " for "
                + (spf.domain().isEmpty() ? "no domain" : spf.domain()) + ") nor DKIM (" + dkimSummary(dkim)
                + ") passed for a domain aligned with " + d);
    }

    private static String dkimSummary(DkimVerification dkim) {
        if (dkim.isNone()) {
            return "no signature";
        }
        return dkim.signatures().stream().map(s -> s.result().keyword() + " d=" + s.domain())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private boolean aligned(String authDomain, String fromDomain, String fromOrg, Alignment mode) {
        String a = authDomain.toLowerCase(Locale.ROOT);
        if (a.isEmpty()) {
            return false;
        }
        if (a.equals(fromDomain)) {
            return true;
        }
        if (mode == Alignment.STRICT || !(a.equals(fromOrg) || a.endsWith("." + fromOrg))) {
            return false;
        }
        DmarcDiscovery other = discover(a);
        if (other instanceof DmarcDiscovery.TempFail) {
            temporary = true;
            return false;
        }
        return fromOrg.equals(other.organizationalDomainOrNull());
    }

    private DmarcDiscovery discover(String domain) {
        return cache.computeIfAbsent(domain, d -> {
            try {
                DmarcDiscovery result = lookup.discover(d);
                return result != null ? result : new DmarcDiscovery.TempFail("the policy lookup returned nothing");
            } catch (RuntimeException e) {
                return new DmarcDiscovery.TempFail("the policy lookup failed: " + e);
            }
        });
    }

    private static DmarcVerdict verdict(DmarcResult result, String from, DmarcDiscovery.Found found, boolean spf,
            boolean dkim, String reason) {
        if (found == null) {
            return new DmarcVerdict(result, from, "", "", spf, dkim, false, reason);
        }
        DmarcRecord r = found.record();
        String policy = found.policyDomain().equals(from) || r.subdomainPolicy() == null ? r.policy() : r.subdomainPolicy();
        return new DmarcVerdict(result, from, found.policyDomain(), policy, spf, dkim, r.testing(), reason);
    }
}
