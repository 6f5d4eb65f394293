package dev.mailwright.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.auth.DmarcDiscovery;
import dev.mailwright.core.auth.SpfResult;
import dev.mailwright.core.auth.SpfVerdict;
import dev.mailwright.dns.testing.DroppingProxy;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.MailAuthZone;
import dev.mailwright.dns.testing.SilentServers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPF evaluation and the DMARC tree walk against a real DNS server (Knot), through a proxy that
 * drops the questions about {@code drop.test} (a resolver that times out on some names).
 */
class MailAuthKnotTest {
    private static KnotServer knot;
    private static DroppingProxy proxy;
    private static InetAddress local;
    private static InetAddress other;

    @BeforeAll
    static void start() throws Exception {
        knot = KnotServer.start(Map.of("test", MailAuthZone.zone(Map.of())), Set.of());
        proxy = new DroppingProxy(new InetSocketAddress("127.0.0.1", knot.port()), "drop");
        local = InetAddress.getByName("127.0.0.1");
        other = InetAddress.getByName("127.0.0.2");
    }

    @AfterAll
    static void stop() {
        proxy.close();
        knot.close();
    }

    private static ResolverSettings resolver() {
        return ResolverSettings.of(proxy.address()).withTimeout(Duration.ofMillis(500));
    }

    private static SpfVerdict spf(InetAddress ip, String mailFrom) {
        return DnsSpfEvaluator.of(resolver()).evaluate(ip, "client.example", mailFrom);
    }

    @Test
    void spf_passForTheAllowedAddress_failForAnother() {
        assertThat(spf(local, "a@sender.test")).isEqualTo(new SpfVerdict(SpfResult.PASS, "mailfrom", "sender.test", ""));
        assertThat(spf(other, "a@Sender.Test").result()).isEqualTo(SpfResult.FAIL);
        assertThat(spf(local, "a@mail.sender.test").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf(local, "a@nowhere.test").result()).isEqualTo(SpfResult.NONE);
    }

    @Test
    void spf_nullSender_checksPostmasterAtTheHeloName() {
        SpfVerdict v = DnsSpfEvaluator.of(resolver()).evaluate(local, "sender.test", "");
        assertThat(v).isEqualTo(new SpfVerdict(SpfResult.PASS, "helo", "sender.test", ""));
    }

    @Test
    void spf_macrosAreExpanded() {
        assertThat(spf(local, "a@macro.test").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf(other, "a@macro.test").result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void spf_theLookupAndVoidLimits_arePermerrors() {
        SpfVerdict limit = spf(other, "a@limit.test");
        assertThat(limit.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(limit.reason()).contains("more than 10");
        SpfVerdict voids = spf(local, "a@void.test");
        assertThat(voids.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(voids.reason()).contains("more than 2 lookups returned nothing");
    }

    @Test
    void spf_aQuestionWithoutAnswer_isATemperror_neverAFailOrAPass() {
        SpfVerdict a = spf(local, "a@slowa.test");
        assertThat(a.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(a.reason()).contains("x.drop.test");
        assertThat(spf(local, "a@slowinc.test").result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(spf(local, "a@drop.test").result()).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void spf_aDeadResolver_isATemperror() throws Exception {
        try (SilentServers.DeadResolver dead = new SilentServers.DeadResolver()) {
            SpfVerdict v = DnsSpfEvaluator.of(ResolverSettings.of(dead.address()).withTimeout(Duration.ofMillis(300)))
                    .evaluate(local, "h", "a@sender.test");
            assertThat(v.result()).isEqualTo(SpfResult.TEMPERROR);
        }
    }

    private static DmarcDiscovery dmarc(String domain) {
        return DnsDmarcPolicyLookup.of(resolver()).discover(domain);
    }

    @Test
    void dmarc_policyAtTheDomain_orInheritedFromTheOrganizationalDomain() {
        DmarcDiscovery.Found at = (DmarcDiscovery.Found) dmarc("sender.test");
        assertThat(at.policyDomain()).isEqualTo("sender.test");
        assertThat(at.record().policy()).isEqualTo("reject");
        assertThat(at.record().subdomainPolicy()).isEqualTo("quarantine");
        assertThat(at.organizationalDomain()).isEqualTo("sender.test");
        DmarcDiscovery.Found inherited = (DmarcDiscovery.Found) dmarc("deep.news.sender.test");
        assertThat(inherited.policyDomain()).isEqualTo("sender.test");
        assertThat(inherited.organizationalDomain()).isEqualTo("sender.test");
        assertThat(dmarc("nodmarc.test")).isEqualTo(new DmarcDiscovery.NotFound("nodmarc.test"));
    }

    @Test
    void dmarc_psdTags_drawTheOrganizationalBoundary() {
        DmarcDiscovery a = dmarc("mail.a.psd.test");
        assertThat(a.organizationalDomainOrNull()).isEqualTo("a.psd.test");
        assertThat(((DmarcDiscovery.Found) a).policyDomain()).isEqualTo("psd.test");
        assertThat(dmarc("b.psd.test").organizationalDomainOrNull()).isEqualTo("b.psd.test");
        DmarcDiscovery.Found sub = (DmarcDiscovery.Found) dmarc("x.sub.org1.test");
        assertThat(sub.policyDomain()).isEqualTo("sub.org1.test");
        assertThat(sub.record().policy()).isEqualTo("reject");
        assertThat(sub.organizationalDomain()).isEqualTo("org1.test");
    }

    @Test
    void dmarc_aQuestionWithoutAnswer_isATemporaryFailure() {
        assertThat(dmarc("y.drop.test")).isInstanceOf(DmarcDiscovery.TempFail.class);
        assertThat(((DmarcDiscovery.TempFail) dmarc("y.drop.test")).reason()).contains("_dmarc.y.drop.test");
    }
}
