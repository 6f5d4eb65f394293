package dev.mailwright.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SpfMacrosAndTreeWalkTest {
    @Test
    void macros_expandAsRfc7208Section7Examples() throws Exception {
        SpfMacros m = new SpfMacros("strong-bad@email.example.com", "mx.example.org", InetAddress.getByName("192.0.2.3"));
        String d = "email.example.com";
        assertThat(m.expand("%{s}", d)).contains("strong-bad@email.example.com");
        assertThat(m.expand("%{o}", d)).contains("email.example.com");
        assertThat(m.expand("%{d4}", d)).contains("email.example.com");
        assertThat(m.expand("%{d2}", d)).contains("example.com");
        assertThat(m.expand("%{d1}", d)).contains("com");
        assertThat(m.expand("%{dr}", d)).contains("com.example.email");
        assertThat(m.expand("%{d2r}", d)).contains("example.email");
        assertThat(m.expand("%{l}", d)).contains("strong-bad");
        assertThat(m.expand("%{l-}", d)).contains("strong.bad");
        assertThat(m.expand("%{lr}", d)).contains("strong-bad");
        assertThat(m.expand("%{lr-}", d)).contains("bad.strong");
        assertThat(m.expand("%{l1r-}", d)).contains("strong");
        assertThat(m.expand("%{ir}.%{v}._spf.%{d2}", d)).contains("3.2.0.192.in-addr._spf.example.com");
        assertThat(m.expand("%{lr-}.lp._spf.%{d2}", d)).contains("bad.strong.lp._spf.example.com");
        assertThat(m.expand("%{h}%%%_%-", d)).contains("mx.example.org% %20");
        assertThat(m.expand("%{S}", d)).contains("strong-bad%40email.example.com");
        assertThat(m.expand("%{x}", d)).isEmpty();
        assertThat(m.expand("%{d0}", d)).isEmpty();
        assertThat(m.expand("%{d", d)).isEmpty();
        assertThat(m.expand("50%", d)).isEmpty();
    }

    @Test
    void macros_ipv6IsDottedNibbles() throws Exception {
        SpfMacros m = new SpfMacros("a@b.example", "h", InetAddress.getByName("2001:db8::cb01"));
        assertThat(m.expand("%{ir}.%{v}", "b.example")).contains(
                "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6");
    }

    @Test
    void treeWalk_targets_jumpToSevenLabels_andStopAtTheTopLevelDomain() {
        assertThat(DmarcTreeWalk.targets("mail.example.com")).containsExactly("mail.example.com", "example.com", "com");
        assertThat(DmarcTreeWalk.targets("a.b.c.d.e.f.g.h.i.example.com")).containsExactly("a.b.c.d.e.f.g.h.i.example.com",
                "e.f.g.h.i.example.com", "f.g.h.i.example.com", "g.h.i.example.com", "h.i.example.com", "i.example.com", "example.com", "com");
        assertThat(DmarcTreeWalk.targets("com")).containsExactly("com");
    }
}
