package dev.mailwright.dns.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The zone {@code test.} for SPF and DMARC tests, served whole by one Knot so that the tree walk's
 * last question ({@code _dmarc.test}) has an authoritative answer:
 * <ul>
 * <li>{@code sender.test}: SPF allows 127.0.0.1 only ({@code -all}); DMARC {@code p=reject; sp=quarantine}
 *     (relaxed); {@code news.sender.test} inherits it; {@code mail.sender.test} has SPF {@code a:host.sender.test}</li>
 * <li>{@code strict.test}: the same SPF, DMARC {@code adkim=s; aspf=s}; {@code mail.strict.test} has SPF too</li>
 * <li>{@code nodmarc.test}: SPF for 127.0.0.1, no DMARC anywhere above it</li>
 * <li>{@code psd.test}: {@code psd=y}, so {@code a.psd.test} and {@code b.psd.test} are separate organizations</li>
 * <li>{@code org1.test}: {@code psd=n} with its own policy, {@code sub.org1.test} another policy below it</li>
 * <li>{@code macro.test}: SPF {@code exists:%{i}.ip.macro.test}, published for 127.0.0.1</li>
 * <li>{@code limit.test}: SPF with 11 includes (a permerror); {@code void.test}: 3 void lookups</li>
 * <li>{@code slowa.test}, {@code slowinc.test}: SPF terms naming {@code drop.test}, which {@link DroppingProxy} drops</li>
 * </ul>
 */
public final class MailAuthZone {
    private MailAuthZone() {
    }

    /**
     * @param extra more records (relative to {@code test.}), such as DKIM keys
     *     {@code "sel._domainkey.sender" -> "v=DKIM1; k=rsa; p=..."} (TXT, split into strings)
     * @return the zone text
     */
    public static String zone(Map<String, String> extra) {
        List<String> z = new ArrayList<>(List.of("$ORIGIN test.", "$TTL 300",
                "@ SOA ns.test. hostmaster.test. 1 3600 600 86400 300", "@ NS ns", "ns A 127.0.0.1",
                "sender TXT \"v=spf1 ip4:127.0.0.1 -all\"",
                "_dmarc.sender TXT \"v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@sender.test\"",
                "news.sender A 127.0.0.5",
                "mail.sender TXT \"v=spf1 a:host.sender.test -all\"", "host.sender A 127.0.0.1",
                "strict TXT \"v=spf1 ip4:127.0.0.1 -all\"", "_dmarc.strict TXT \"v=DMARC1; p=reject; adkim=s; aspf=s\"",
                "mail.strict TXT \"v=spf1 ip4:127.0.0.1 -all\"",
                "nodmarc TXT \"v=spf1 ip4:127.0.0.1 -all\"",
                "_dmarc.psd TXT \"v=DMARC1; p=reject; psd=y\"",
                "a.psd TXT \"v=spf1 ip4:127.0.0.1 -all\"", "b.psd TXT \"v=spf1 ip4:127.0.0.1 -all\"",
                "_dmarc.org1 TXT \"v=DMARC1; p=quarantine; psd=n\"", "_dmarc.sub.org1 TXT \"v=DMARC1; p=reject\"",
                "macro TXT \"v=spf1 exists:%{i}.ip.macro.test -all\"", "127.0.0.1.ip.macro A 127.0.0.2",
                "void TXT \"v=spf1 a:n1.void.test a:n2.void.test a:n3.void.test ip4:127.0.0.1 -all\"",
                "slowa TXT \"v=spf1 a:x.drop.test -all\"", "slowinc TXT \"v=spf1 include:drop.test -all\""));
        StringBuilder limit = new StringBuilder("limit TXT \"v=spf1");
        for (int i = 1; i <= 11; i++) {
            limit.append(" include:l").append(i).append(".test");
            z.add("l" + i + " TXT \"v=spf1 ip4:192.0.2." + i + " -all\"");
        }
        z.add(limit.append(" -all\"").toString());
        extra.forEach((name, value) -> z.add(name + " TXT " + strings(value)));
        return String.join("\n", z) + "\n";
    }

    /** @return the value as quoted strings of at most 200 characters, as a long key must be split */
    public static String strings(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += 200) {
            out.append('"').append(value, i, Math.min(value.length(), i + 200)).append("\" ");
        }
        return out.toString().strip();
    }
}
