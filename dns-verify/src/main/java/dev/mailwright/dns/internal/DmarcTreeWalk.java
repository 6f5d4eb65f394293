package dev.mailwright.dns.internal;

import dev.mailwright.core.auth.DmarcDiscovery;
import dev.mailwright.core.auth.DmarcRecord;
import dev.mailwright.dns.DnsException;
import dev.mailwright.dns.ResolverSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * The DMARC DNS tree walk of RFC 9989 (section 4.10), which replaced RFC 7489's public suffix
 * list: {@code _dmarc.<domain>}, then {@code _dmarc.} of each ancestor (a name of 8 labels or more
 * jumps to its last 7), at most 8 queries, down to the top-level domain where public suffix
 * operators publish {@code psd=y}. The policy is the first record found; the organizational domain
 * is the first record with {@code psd=n}, else the name one label below the first {@code psd=y}
 * above the start, else the record with the fewest labels, else the domain itself. A query that
 * gets no answer in time (or SERVFAIL, REFUSED) makes the whole discovery a temporary failure; a
 * name with several DMARC records counts as having none.
 */
public final class DmarcTreeWalk {
    private static final int MAX_QUERIES = 8;

    private DmarcTreeWalk() {
    }

    /**
     * @param resolver the servers and timeout
     * @param domain the domain, lower case
     * @return the discovery; never throws for what DNS answers
     */
    public static DmarcDiscovery discover(ResolverSettings resolver, String domain) {
        try {
            return discover(new Dns(resolver), domain.toLowerCase(Locale.ROOT));
        } catch (DnsException e) {
            return new DmarcDiscovery.TempFail(e.getMessage());
        }
    }

    /** A record found on the way up. */
    private record Found(String domain, DmarcRecord record) {
    }

    static DmarcDiscovery discover(Dns dns, String domain) {
        List<Found> found = new ArrayList<>();
        for (String target : targets(domain)) {
            Answer txt = dns.lookup("_dmarc." + target, Type.TXT);
            if (txt instanceof Answer.Failed f) {
                return new DmarcDiscovery.TempFail(f.question() + ": " + f.reason());
            }
            List<DmarcRecord> records = new ArrayList<>();
            for (String t : TagList.texts(txt)) {
                DmarcRecord.parse(t).ifPresent(records::add);
            }
            if (records.size() == 1) {
                found.add(new Found(target, records.get(0)));
                if (records.get(0).psd().equals("n")) {
                    break;
                }
            }
        }
        String org = organizational(domain, found);
        if (found.isEmpty()) {
            return new DmarcDiscovery.NotFound(org);
        }
        return new DmarcDiscovery.Found(found.get(0).domain(), found.get(0).record(), org);
    }

    /** @return the names to query, the domain first, at most {@value #MAX_QUERIES} */
    static List<String> targets(String domain) {
        List<String> labels = Arrays.asList(domain.split("\\."));
        List<String> out = new ArrayList<>();
        out.add(domain);
        int n = labels.size() >= MAX_QUERIES ? MAX_QUERIES - 1 : labels.size() - 1;
        for (; n >= 1 && out.size() < MAX_QUERIES; n--) {
            out.add(String.join(".", labels.subList(labels.size() - n, labels.size())));
        }
        return out;
    }

    private static String organizational(String domain, List<Found> found) {
        for (Found f : found) {
            if (f.record().psd().equals("n")) {
                return f.domain();
            }
            if (f.record().psd().equals("y") && !f.domain().equals(domain)) {
                return oneBelow(domain, f.domain());
            }
        }
        Optional<Found> fewest = found.stream().min((a, b) -> Integer.compare(labels(a.domain()), labels(b.domain())));
        return fewest.map(Found::domain).orElse(domain);
    }

    private static String oneBelow(String domain, String ancestor) {
        String[] labels = domain.split("\\.");
        int keep = labels(ancestor) + 1;
        return String.join(".", Arrays.asList(labels).subList(labels.length - keep, labels.length));
    }

    private static int labels(String d) {
        return d.split("\\.").length;
    }
}
