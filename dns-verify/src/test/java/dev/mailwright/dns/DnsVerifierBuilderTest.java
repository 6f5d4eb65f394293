package dev.mailwright.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.EmailSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DnsVerifierBuilderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void recommendedRecords_listTheSeedsRecordsAndTheDeliverabilityRecords() {
        List<String> lines = DnsVerifier.builder().hostname("GHE.Example.com.").instanceAddresses("192.0.2.10")
                .noReplyAddress("noreply@example.com").smtpServer("198.51.100.7").dkimSelectors("s1").clock(CLOCK)
                .build().recommendedRecords().stream().map(ZoneRecord::zoneLine).collect(Collectors.toList());
        assertThat(lines).containsExactly(
                "ghe.example.com. 3600 IN A 192.0.2.10 ; the instance",
                "reply.ghe.example.com. 3600 IN A 192.0.2.10 ; replies to notifications arrive here (a wildcard"
                        + " *.ghe.example.com does not cover it: it has an MX record, RFC 4592)",
                "reply.ghe.example.com. 3600 IN MX 10 reply.ghe.example.com. ; routes replies to the instance",
                "noreply.ghe.example.com. 3600 IN MX 10 ghe.example.com. ; replies to the Cc reason address",
                "example.com. 3600 IN TXT \"v=spf1 ip4:198.51.100.7 ~all\" ; allows the SMTP server to send as example.com",
                "_dmarc.example.com. 3600 IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com\""
                        + " ; DMARC policy; start with p=none to only collect reports",
                "s1._domainkey.example.com. 3600 IN TXT \"v=DKIM1; k=rsa; p=PUBLIC-KEY-BASE64\" ; the public key of the"
                        + " DKIM signing key; your SMTP provider gives it",
                "_mta-sts.example.com. 3600 IN TXT \"v=STSv1; id=2026112601\" ; also publish"
                        + " https://mta-sts.example.com/.well-known/mta-sts.txt; change the id whenever the policy changes",
                "_smtp._tls.example.com. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@example.com\" ; TLS failure reports",
                "10.2.0.192.in-addr.arpa. 3600 IN PTR ghe.example.com. ; reverse DNS; usually set by the owner of the"
                        + " address (hosting provider)");
    }

    @Test
    void recommendedRecords_withoutAddress_useAPlaceholderThatCannotBePastedByMistake() {
        List<ZoneRecord> records = DnsVerifier.builder().hostname("ghe.example.com").build().recommendedRecords();
        assertThat(records.get(0).data()).isEqualTo("INSTANCE-IP-ADDRESS");
        assertThat(records.get(1).type()).isEqualTo("A");
    }

    @Test
    void ipv6Address_givesAaaaRecords() {
        List<ZoneRecord> records = DnsVerifier.builder().hostname("ghe.example.com").instanceAddresses("2001:db8::10")
                .build().recommendedRecords();
        assertThat(records.get(0).zoneLine()).startsWith("ghe.example.com. 3600 IN AAAA 2001:db8:0:0:0:0:0:10");
    }

    @Test
    void settings_provideHostnameSendingDomainAndSmtpServer() {
        EmailSettings settings = EmailSettings.builder().hostname("ghe.example.com").smtpHost("smtp.example.com")
                .noReplyAddress("noreply@mail.example.com").build();
        DnsVerifier v = DnsVerifier.builder().settings(settings).build();
        assertThat(v.hostname()).isEqualTo("ghe.example.com");
        assertThat(v.sendingDomain()).isEqualTo("mail.example.com");
        assertThat(DnsVerifier.builder().hostname("ghe.example.com").build().sendingDomain()).isEqualTo("ghe.example.com");
    }

    @Test
    void badInput_isRejectedNamingTheValue() {
        assertThatThrownBy(() -> DnsVerifier.builder().build()).hasMessageContaining("host name is not set");
        assertThatThrownBy(() -> DnsVerifier.builder().hostname("bad_host!")).hasMessageContaining("bad_host!");
        assertThatThrownBy(() -> DnsVerifier.builder().instanceAddresses("ghe.example.com"))
                .hasMessageContaining("'ghe.example.com' is not an IP address");
        assertThatThrownBy(() -> DnsVerifier.builder().noReplyAddress("no reply")).hasMessageContaining("no reply");
        assertThatThrownBy(() -> DnsVerifier.builder().dkimSelectors("s 1")).hasMessageContaining("'s 1'");
        assertThatThrownBy(() -> DnsVerifier.builder().probePort(0, TlsMode.STARTTLS)).hasMessageContaining("port 0");
    }

    @Test
    void zoneRecord_validates() {
        assertThatThrownBy(() -> new ZoneRecord("x", -1, "A", "1.2.3.4", "")).hasMessageContaining("-1");
        assertThat(new ZoneRecord("x.test", 60, "mx", "10 x.test.", null).zoneLine()).isEqualTo("x.test. 60 IN MX 10 x.test.");
    }
}
