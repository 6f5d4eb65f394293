package dev.mailwright.dns;

import static dev.mailwright.dns.testing.TestZones.replace;
import static dev.mailwright.dns.testing.TestZones.variant;
import static dev.mailwright.dns.testing.TestZones.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.TestZones;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DNS checks against a real Knot server serving a correct zone and one variant per missing or wrong record. */
class DnsVerifierKnotTest {
    private static KnotServer knot;

    @BeforeAll
    static void startKnot() {
        Map<String, String> zones = KnotServer.zones();
        zones.put("good.test", variant("good.test", l -> l));
        zones.put("0.0.127.in-addr.arpa", TestZones.reverse("good.test"));
        zones.put("noreplya.test", variant("noreplya.test", without("reply A")));
        zones.put("cname.test", variant("cname.test", replace("reply ", "reply CNAME host", "host A 127.0.0.1",
                "host MX 10 host")));
        zones.put("wildcard.test", variant("wildcard.test", replace("reply ", "* A 127.0.0.1", "* MX 10 reply")));
        zones.put("nomx.test", variant("nomx.test", without("reply MX")));
        zones.put("nullmx.test", variant("nullmx.test", replace("reply MX", "reply MX 0 .")));
        zones.put("badtarget.test", variant("badtarget.test", replace("reply MX", "reply MX 10 mx")));
        zones.put("elsewhere.test", variant("elsewhere.test", replace("reply ", "reply A 127.0.0.9", "reply MX 10 relay",
                "relay A 127.0.0.8")));
        zones.put("nonoreply.test", variant("nonoreply.test", without("noreply MX")));
        zones.put("wrongnoreply.test", variant("wrongnoreply.test", replace("noreply MX", "noreply MX 10 reply")));
        zones.put("nohost.test", variant("nohost.test", without("@ A")));
        zones.put("nospf.test", variant("nospf.test", without("@ TXT")));
        zones.put("twospf.test", variant("twospf.test", replace("@ TXT", "@ TXT \"v=spf1 -all\"", "@ TXT \"v=spf1 mx -all\"")));
        zones.put("badspf.test", variant("badspf.test", replace("@ TXT", "@ TXT \"v=spf1 ip4:300.1.1.1 bogus -all\"")));
        zones.put("manyspf.test", variant("manyspf.test", manyIncludes()));
        zones.put("voidspf.test", variant("voidspf.test", replace("@ TXT",
                "@ TXT \"v=spf1 a:x1.voidspf.test a:x2.voidspf.test mx:x3.voidspf.test a:smtp.voidspf.test -all\"")));
        zones.put("goneinclude.test", variant("goneinclude.test", replace("@ TXT",
                "@ TXT \"v=spf1 include:gone.goneinclude.test a:smtp.goneinclude.test -all\"")));
        zones.put("denyspf.test", variant("denyspf.test", replace("@ TXT", "@ TXT \"v=spf1 ip4:192.0.2.0/24 -all\"")));
        zones.put("softspf.test", variant("softspf.test", replace("@ TXT", "@ TXT \"v=spf1 include:_spf.softspf.test ~all\"",
                "_spf TXT \"v=spf1 ip4:127.0.0.0/8 ip6:2001:db8::/32\"")));
        zones.put("nodmarc.test", variant("nodmarc.test", without("_dmarc")));
        zones.put("nonedmarc.test", variant("nonedmarc.test", replace("_dmarc", "_dmarc TXT \"v=DMARC1; p=none\"")));
        zones.put("baddmarc.test", variant("baddmarc.test", replace("_dmarc", "_dmarc TXT \"v=DMARC1; p=maybe\"")));
        zones.put("nodkim.test", variant("nodkim.test", without("s1._domainkey")));
        zones.put("revoked.test", variant("revoked.test", replace("s1._domainkey", "s1._domainkey TXT \"v=DKIM1; p=\"")));
        zones.put("weakdkim.test", variant("weakdkim.test", replace("s1._domainkey",
                "s1._domainkey TXT \"v=DKIM1; k=rsa; p=" + TestZones.WEAK_DKIM_KEY + "\"")));
        zones.put("brokendkim.test", variant("brokendkim.test", replace("s1._domainkey",
                "s1._domainkey TXT \"v=DKIM1; k=rsa; p=" + TestZones.DKIM_KEY.substring(0, 120) + "\" \"AAAA\"")));
        zones.put("nosts.test", variant("nosts.test", l -> without("_smtp._tls").apply(without("_mta-sts").apply(l))));
        zones.put("badsts.test", variant("badsts.test", l -> replace("_smtp._tls", "_smtp._tls TXT \"v=TLSRPTv1; rua=ftp://x\"")
                .apply(replace("_mta-sts", "_mta-sts TXT \"v=STSv1; id=not-valid!\"").apply(l))));
        zones.put("example.test", String.join("\n", TestZones.subdomain("example.test", "ghe")) + "\n");
        zones.put("wildmx.test", variant("wildmx.test", replace("reply ", "* A 127.0.0.1", "reply MX 10 reply")));
        knot = KnotServer.start(zones, Set.of());
    }

    private static java.util.function.UnaryOperator<List<String>> manyIncludes() {
        return lines -> {
            StringBuilder spf = new StringBuilder("@ TXT \"v=spf1");
            for (int i = 1; i <= 11; i++) {
                spf.append(" include:i").append(i).append(".manyspf.test");
                lines.add("i" + i + " TXT \"v=spf1 ip4:192.0.2." + i + " -all\"");
            }
            lines.removeIf(l -> l.startsWith("@ TXT"));
            lines.add(spf.append(" a:smtp.manyspf.test -all\"").toString());
            return lines;
        };
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    static DnsReport verify(String zone) {
        return builder(zone).build().verify();
    }

    static DnsVerifier.Builder builder(String zone) {
        return builder(zone, "smtp." + zone, "s1");
    }

    /** @return the builder with this SMTP server and these DKIM selectors (a builder's properties are set once) */
    static DnsVerifier.Builder builder(String zone, String smtpServer, String... dkimSelectors) {
        return DnsVerifier.builder().hostname(zone).noReplyAddress("noreply@" + zone).smtpServer(smtpServer)
                .dkimSelectors(dkimSelectors).probePorts()
                .resolver(ResolverSettings.of(knot.address()).withTimeout(Duration.ofSeconds(2)));
    }

    static Finding only(DnsReport report, String code) {
        List<Finding> found = report.findings(code);
        assertThat(found).as("findings %s in\n%s", code, report).hasSize(1);
        return found.get(0);
    }

    static void assertSeverity(DnsReport report, String code, Severity severity, String... messageParts) {
        Finding f = only(report, code);
        assertThat(f.severity()).as(String.valueOf(f)).isEqualTo(severity);
        if (messageParts.length > 0) {
            assertThat(f.message()).contains(messageParts);
        }
        if (severity == Severity.WARNING || severity == Severity.FAILURE) {
            assertThat(f.remedy()).as("remedy of " + f.code()).isNotBlank();
            assertThat(f.message()).contains("; expected ");
        }
    }

    @Test
    void correctZone_passesEveryCheck() {
        DnsReport report = verify("good.test");
        List<Finding> notPassed = report.findings().stream()
                .filter(f -> f.severity() != Severity.PASS && !f.code().equals("dns.dnssec"))
                .collect(Collectors.toList());
        assertThat(notPassed).as(String.valueOf(report)).isEmpty();
        assertThat(report.hasFailures()).isFalse();
        assertThat(report.recordsToCreate()).isEmpty();
        assertSeverity(report, "dns.reply.address", Severity.PASS, "reply.good.test resolves to 127.0.0.1");
        assertSeverity(report, "dns.reply.mx", Severity.PASS, "reply.good.test has MX reply.good.test");
        assertSeverity(report, "dns.noreply.mx", Severity.PASS, "noreply.good.test has MX good.test");
        assertSeverity(report, "dns.spf.smtp", Severity.PASS, "gives pass", "127.0.0.1");
        assertSeverity(report, "dns.dkim", Severity.PASS, "RSA key of 2048 bits");
        assertSeverity(report, "dns.ptr", Severity.PASS, "resolves back to 127.0.0.1");
        assertSeverity(report, "dns.dnssec", Severity.INFO, "not signed");
    }

    @Test
    void replyWithoutAddress_failsAndSuggestsTheARecord() {
        DnsReport report = verify("noreplya.test");
        assertSeverity(report, "dns.reply.address", Severity.FAILURE, "reply.noreplya.test has no A or AAAA record");
        assertThat(only(report, "dns.reply.address").remedy()).contains("*.noreplya.test");
        assertThat(report.recordsToCreate()).extracting(ZoneRecord::zoneLine)
                .anyMatch(l -> l.startsWith("reply.noreplya.test. 3600 IN A 127.0.0.1"));
        assertThat(report.hasFailures()).isTrue();
    }

    /**
     * Regression (issue 13, defect 9): with a three-label host name under an authoritative-only
     * server, the DNSKEY query for the parent of the zone was REFUSED and DNSSEC was reported as a
     * failure of a correct unsigned zone. The zone's apex is found by its SOA and only it is asked.
     */
    @Test
    void threeLabelHostName_inItsParentsZone_passes_andDnssecIsInfo() {
        DnsReport report = builder("ghe.example.test", "smtp.example.test", "s1").build().verify();

        assertSeverity(report, "dns.dnssec", Severity.INFO, "the zone example.test of ghe.example.test is not signed");
        assertThat(report.findings()).as("%s", report.findings()).noneMatch(f -> f.severity() == Severity.FAILURE);
        assertThat(report.hasFailures()).isFalse();
        assertSeverity(report, "dns.reply.address", Severity.PASS, "reply.ghe.example.test resolves to 127.0.0.1");
        assertSeverity(report, "dns.noreply.mx", Severity.PASS, "noreply.ghe.example.test has MX ghe.example.test");
    }

    /**
     * Regression (issue 13, defect 9): a wildcard A next to an MX on {@code reply.<hostname>} failed
     * without saying why; the MX makes the name exist, so the wildcard no longer covers it (RFC 4592).
     */
    @Test
    void wildcardAddress_withAnMxOnTheReplyName_failsAndNamesRfc4592() {
        DnsReport report = verify("wildmx.test");

        assertSeverity(report, "dns.reply.address", Severity.FAILURE, "the wildcard *.wildmx.test does not apply",
                "RFC 4592");
        assertThat(only(report, "dns.reply.address").remedy()).contains("Create an A record for reply.wildmx.test itself");
        assertThat(report.recordsToCreate()).extracting(ZoneRecord::zoneLine)
                .filteredOn(l -> l.startsWith("reply.wildmx.test. 3600 IN A 127.0.0.1")).hasSize(1);
    }

    @Test
    void replyThroughCname_passesAndSaysSo() {
        DnsReport report = verify("cname.test");
        assertSeverity(report, "dns.reply.address", Severity.PASS, "through CNAME");
        assertSeverity(report, "dns.reply.mx", Severity.PASS, "host.cname.test");
    }

    @Test
    void replyCoveredByWildcard_passesAndSaysSo() {
        DnsReport report = verify("wildcard.test");
        assertSeverity(report, "dns.reply.address", Severity.PASS, "(the same as the wildcard *.wildcard.test)");
        assertSeverity(report, "dns.reply.mx", Severity.PASS);
    }

    @Test
    void missingOrNullMx_fails() {
        assertSeverity(verify("nomx.test"), "dns.reply.mx", Severity.FAILURE, "has no MX record");
        assertThat(verify("nomx.test").recordsToCreate()).extracting(ZoneRecord::zoneLine)
                .contains("reply.nomx.test. 3600 IN MX 10 reply.nomx.test. ; routes replies to the instance");
        assertSeverity(verify("nullmx.test"), "dns.reply.mx", Severity.FAILURE, "null MX");
    }

    @Test
    void mxTargetThatDoesNotResolve_fails() {
        assertSeverity(verify("badtarget.test"), "dns.reply.mx.target", Severity.FAILURE,
                "the MX target mx.badtarget.test does not resolve");
    }

    @Test
    void addressesNotTheInstance_failForTheAAndWarnForTheMxTarget() {
        DnsReport report = verify("elsewhere.test");
        assertSeverity(report, "dns.reply.address", Severity.FAILURE, "127.0.0.9", "not to the instance (127.0.0.1)");
        assertSeverity(report, "dns.reply.mx.target", Severity.WARNING, "relay.elsewhere.test", "127.0.0.8");
    }

    @Test
    void givenInstanceAddress_isUsedInsteadOfTheLookup() {
        DnsReport report = builder("good.test").instanceAddresses("127.0.0.5").build().verify();
        assertSeverity(report, "dns.reply.address", Severity.FAILURE, "not to the instance (127.0.0.5)");
        assertSeverity(report, "dns.ptr", Severity.WARNING, "127.0.0.5 has no reverse DNS");
        assertThat(report.recordsToCreate()).extracting(ZoneRecord::zoneLine)
                .anyMatch(l -> l.startsWith("5.0.0.127.in-addr.arpa. 3600 IN PTR good.test."));
    }

    @Test
    void reverseDnsThatDoesNotResolveBack_warns() {
        DnsReport report = builder("good.test").instanceAddresses("127.0.0.3").build().verify();
        assertSeverity(report, "dns.ptr", Severity.WARNING, "nowhere.good.test", "does not resolve back");
    }

    @Test
    void noreplyWithoutOrWithWrongMx_fails() {
        assertSeverity(verify("nonoreply.test"), "dns.noreply.mx", Severity.FAILURE, "noreply.nonoreply.test has no MX");
        assertThat(verify("nonoreply.test").recordsToCreate()).extracting(ZoneRecord::zoneLine)
                .anyMatch(l -> l.startsWith("noreply.nonoreply.test. 3600 IN MX 10 nonoreply.test."));
        assertSeverity(verify("wrongnoreply.test"), "dns.noreply.mx", Severity.FAILURE,
                "has MX reply.wrongnoreply.test", "pointing to wrongnoreply.test");
    }

    @Test
    void hostnameWithoutAddress_failsAndLeavesInstanceUnknown() {
        DnsReport report = verify("nohost.test");
        assertSeverity(report, "dns.host.address", Severity.FAILURE, "nohost.test has no A or AAAA record");
        assertSeverity(report, "dns.ptr", Severity.WARNING, "instance address is unknown");
    }

    @Test
    void spf_missingDuplicatedOrInvalid_fails() {
        assertSeverity(verify("nospf.test"), "dns.spf", Severity.FAILURE, "nospf.test has no SPF record");
        assertThat(verify("nospf.test").recordsToCreate()).extracting(ZoneRecord::zoneLine)
                .anyMatch(l -> l.startsWith("nospf.test. 3600 IN TXT \"v=spf1 ip4:127.0.0.1 ~all\""));
        assertSeverity(verify("twospf.test"), "dns.spf", Severity.FAILURE, "2 SPF records");
        assertSeverity(verify("badspf.test"), "dns.spf.syntax", Severity.FAILURE, "300.1.1.1", "'bogus'");
    }

    @Test
    void spf_overTheTenLookupLimit_fails() {
        DnsReport report = verify("manyspf.test");
        assertSeverity(report, "dns.spf.lookups", Severity.FAILURE, "needs 12 DNS lookups");
        assertSeverity(report, "dns.spf.smtp", Severity.FAILURE, "permerror");
    }

    @Test
    void spf_voidLookups_overTheLimitFail() {
        DnsReport report = verify("voidspf.test");
        assertSeverity(report, "dns.spf.void", Severity.FAILURE, "3 void lookups", "a:x1.voidspf.test", "mx:x3.voidspf.test");
        assertSeverity(verify("good.test"), "dns.spf.lookups", Severity.PASS, "needs 1 of at most 10");
        DnsReport gone = verify("goneinclude.test");
        assertSeverity(gone, "dns.spf.void", Severity.WARNING, "1 void lookup(s) (include:gone.goneinclude.test)");
        assertSeverity(gone, "dns.spf.smtp", Severity.FAILURE, "gives permerror");
        assertThat(only(gone, "dns.spf.smtp").evidence()).anyMatch(l -> l.contains("names a domain without an SPF record"));
    }

    @Test
    void spf_thatDoesNotAllowTheSmtpServer_failsOrWarns() {
        assertSeverity(verify("denyspf.test"), "dns.spf.smtp", Severity.FAILURE, "gives fail", "smtp.denyspf.test");
        DnsReport soft = verify("softspf.test");
        assertSeverity(soft, "dns.spf.smtp", Severity.PASS, "gives pass");
        DnsReport viaIp = builder("softspf.test", "192.0.2.7", "s1").build().verify();
        assertSeverity(viaIp, "dns.spf.smtp", Severity.WARNING, "gives softfail", "192.0.2.7");
    }

    @Test
    void dmarc_missingMonitoringOnlyOrInvalid() {
        assertSeverity(verify("nodmarc.test"), "dns.dmarc", Severity.WARNING, "no DMARC record");
        assertThat(verify("nodmarc.test").recordsToCreate()).extracting(ZoneRecord::zoneLine)
                .anyMatch(l -> l.startsWith("_dmarc.nodmarc.test. 3600 IN TXT \"v=DMARC1; p=quarantine;"));
        assertSeverity(verify("nonedmarc.test"), "dns.dmarc", Severity.WARNING, "p=none");
        assertSeverity(verify("baddmarc.test"), "dns.dmarc", Severity.FAILURE, "p=maybe");
    }

    @Test
    void dkim_missingRevokedWeakOrBroken() {
        assertSeverity(verify("nodkim.test"), "dns.dkim", Severity.FAILURE, "s1._domainkey.nodkim.test has no DKIM key");
        assertSeverity(verify("revoked.test"), "dns.dkim", Severity.FAILURE, "revoked");
        assertSeverity(verify("weakdkim.test"), "dns.dkim", Severity.FAILURE, "512 bits");
        assertSeverity(verify("brokendkim.test"), "dns.dkim", Severity.FAILURE, "not a valid rsa public key");
        DnsReport none = builder("good.test", "smtp.good.test").build().verify();
        assertSeverity(none, "dns.dkim", Severity.INFO, "no DKIM selector configured");
    }

    @Test
    void mtaStsAndTlsRpt_missingWarnInvalidFail() {
        DnsReport missing = verify("nosts.test");
        assertSeverity(missing, "dns.mta-sts", Severity.WARNING, "_mta-sts.nosts.test has no v=STSv1 record");
        assertSeverity(missing, "dns.tls-rpt", Severity.WARNING, "_smtp._tls.nosts.test has no v=TLSRPTv1 record");
        assertThat(missing.recordsToCreate()).extracting(ZoneRecord::type).contains("TXT");
        DnsReport invalid = verify("badsts.test");
        assertSeverity(invalid, "dns.mta-sts", Severity.FAILURE, "invalid id=not-valid!");
        assertSeverity(invalid, "dns.tls-rpt", Severity.FAILURE, "invalid rua=ftp://x");
    }

    @Test
    void report_becomesTheDiagnosticsSection() {
        // its text and JSON are the command-line tool's: DnsCommandTest.check_rendersTheReportAsTextAndJson
        DnsReport report = verify("nomx.test");
        assertThat(report.toSection().name()).isEqualTo("dns");
        assertThat(report.toSection().findings()).isEqualTo(report.findings());
    }
}
