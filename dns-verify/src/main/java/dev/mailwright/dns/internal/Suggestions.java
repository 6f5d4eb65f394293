package dev.mailwright.dns.internal;

import dev.mailwright.dns.ZoneRecord;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ReverseMap;

/** The zone-file records to create, built from the names and addresses of a plan. */
public final class Suggestions {
    /** Placeholder when the instance address is unknown; pasting it fails loudly instead of pointing elsewhere. */
    static final String UNKNOWN_ADDRESS = "INSTANCE-IP-ADDRESS";

    private Suggestions() {
    }

    static List<ZoneRecord> addressRecords(String name, List<InetAddress> addresses, String why) {
        List<ZoneRecord> out = new ArrayList<>();
        if (addresses.isEmpty()) {
            out.add(new ZoneRecord(name, ZoneRecord.DEFAULT_TTL, "A", UNKNOWN_ADDRESS, why
                    + "; replace the placeholder with the instance's address"));
        }
        // the same address given twice (or in two spellings, 2001:db8::1 and 2001:db8:0::1) makes one record
        for (InetAddress a : new java.util.LinkedHashSet<>(addresses)) {
            out.add(new ZoneRecord(name, ZoneRecord.DEFAULT_TTL, a instanceof Inet6Address ? "AAAA" : "A",
                    a.getHostAddress(), why));
        }
        return out;
    }

    static ZoneRecord mx(String name, String target, String why) {
        return new ZoneRecord(name, ZoneRecord.DEFAULT_TTL, "MX", "10 " + target + ".", why);
    }

    static ZoneRecord txt(String name, String text, String why) {
        return new ZoneRecord(name, ZoneRecord.DEFAULT_TTL, "TXT", quote(text), why);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static ZoneRecord spf(String domain, String smtpServer, List<InetAddress> smtpAddresses) {
        StringBuilder spf = new StringBuilder("v=spf1");
        if (!smtpAddresses.isEmpty()) {
            for (InetAddress a : smtpAddresses) {
                spf.append(a instanceof Inet6Address ? " ip6:" : " ip4:").append(a.getHostAddress());
            }
        } else if (smtpServer != null) {
            spf.append(" a:").append(smtpServer);
        } else {
            spf.append(" mx");
        }
        spf.append(" ~all");
        return txt(domain, spf.toString(), "allows the SMTP server to send as " + domain);
    }

    static ZoneRecord dmarc(String domain) {
        return txt("_dmarc." + domain, "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@" + domain,
                "DMARC policy; start with p=none to only collect reports");
    }

    static ZoneRecord tlsRpt(String domain) {
        return txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls-reports@" + domain, "TLS failure reports");
    }

    static ZoneRecord mtaSts(String domain, Clock clock) {
        String id = LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE) + "01";
        return txt("_mta-sts." + domain, "v=STSv1; id=" + id, "also publish https://mta-sts." + domain
                + "/.well-known/mta-sts.txt; change the id whenever the policy changes");
    }

    static ZoneRecord ptr(InetAddress address, String hostname) {
        String name = ReverseMap.fromAddress(address).toString(true);
        return new ZoneRecord(name, ZoneRecord.DEFAULT_TTL, "PTR", hostname + ".",
                "reverse DNS; usually set by the owner of the address (hosting provider)");
    }

    /**
     * Every record the seed asks for plus the deliverability records, without asking DNS.
     *
     * @param plan the names and addresses
     * @param smtpAddresses the SMTP server's addresses, when known
     * @return the records in the order an administrator creates them
     */
    public static List<ZoneRecord> all(Plan plan, List<InetAddress> smtpAddresses) {
        List<ZoneRecord> out = new ArrayList<>();
        String host = plan.hostname();
        List<InetAddress> ips = plan.givenAddresses();
        out.addAll(addressRecords(host, ips, "the instance"));
        out.addAll(addressRecords(plan.replyDomain(), ips, "replies to notifications arrive here (a wildcard *." + host
                + " does not cover it: it has an MX record, RFC 4592)"));
        out.add(mx(plan.replyDomain(), plan.replyDomain(), "routes replies to the instance"));
        out.add(mx(plan.noReplyDomain(), host, "replies to the Cc reason address"));
        String d = plan.sendingDomain();
        out.add(spf(d, plan.smtpServer(), smtpAddresses));
        out.add(dmarc(d));
        for (String selector : plan.dkimSelectors()) {
            out.add(txt(selector + "._domainkey." + d, "v=DKIM1; k=rsa; p=PUBLIC-KEY-BASE64",
                    "the public key of the DKIM signing key; your SMTP provider gives it"));
        }
        out.add(mtaSts(d, plan.clock()));
        out.add(tlsRpt(d));
        for (InetAddress a : new java.util.LinkedHashSet<>(ips)) {
            out.add(ptr(a, host));
        }
        return out;
    }
}
