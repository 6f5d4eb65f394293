package dev.mailwright.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpfRecordTest {
    @Test
    void parse_readsMechanismsQualifiersAndPrefixes() {
        SpfRecord spf = SpfRecord.parse("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a/28//64 mx:mail.example.com"
                + " ~include:_spf.example.com -all redirect=example.net");
        assertThat(spf.errors()).isEmpty();
        List<String> terms = spf.terms().stream().map(SpfRecord.Term::toString).collect(Collectors.toList());
        assertThat(terms).containsExactly("ip4:192.0.2.0", "ip6:2001:db8::", "a", "mx:mail.example.com",
                "~include:_spf.example.com", "-all", "redirect=example.net");
        assertThat(spf.terms().get(0).cidr4()).isEqualTo(24);
        assertThat(spf.terms().get(1).cidr6()).isEqualTo(32);
        assertThat(spf.terms().get(2).cidr4()).isEqualTo(28);
        assertThat(spf.terms().get(2).cidr6()).isEqualTo(64);
        assertThat(spf.redirect()).contains("example.net");
        assertThat(spf.terms().stream().filter(SpfRecord.Term::needsLookup).count()).isEqualTo(4);
    }

    @Test
    void parse_reportsEveryBadTermByName() {
        SpfRecord spf = SpfRecord.parse("v=spf1 ip4:1.2.3 include: all:x foo ip4:10.0.0.0/33 redirect=a redirect=b");
        assertThat(spf.errors()).hasSize(6);
        assertThat(String.join("\n", spf.errors())).contains("'ip4:1.2.3'", "'include:'", "'all:x'", "'foo'",
                "'ip4:10.0.0.0/33'", "redirect= appears more than once");
    }

    @Test
    void isSpf_needsTheExactVersionTag() {
        assertThat(SpfRecord.isSpf("v=spf1 -all")).isTrue();
        assertThat(SpfRecord.isSpf("V=SPF1")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf10 -all")).isFalse();
        assertThat(SpfRecord.isSpf("google-site-verification=x")).isFalse();
    }
}
