package dev.mailwright.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dkim.DkimResult;
import dev.mailwright.core.dkim.DkimSignatureResult;
import dev.mailwright.core.dkim.DkimVerification;
import dev.mailwright.core.spi.DmarcPolicyLookup;
import dev.mailwright.core.spi.SpfEvaluator;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DMARC alignment and policy over fixed SPF, DKIM and policy answers; the DNS side is tested in dns-verify against Knot. */
class MessageAuthenticatorTest {
    private static final InetAddress IP = InetAddress.getLoopbackAddress();
    private final List<String> asked = new ArrayList<>();

    /** sender.test: p=reject, sp=quarantine; relaxed by default; strict.test: adkim=s aspf=s. */
    private final Map<String, DmarcDiscovery> policies = Map.of(
            "sender.test", found("sender.test", "v=DMARC1; p=reject; sp=quarantine", "sender.test"),
            "news.sender.test", found("sender.test", "v=DMARC1; p=reject; sp=quarantine", "sender.test"),
            "mail.sender.test", found("sender.test", "v=DMARC1; p=reject; sp=quarantine", "sender.test"),
            "strict.test", found("strict.test", "v=DMARC1; p=reject; adkim=s; aspf=s", "strict.test"),
            "mail.strict.test", found("strict.test", "v=DMARC1; p=reject; adkim=s; aspf=s", "strict.test"),
            "testing.test", found("testing.test", "v=DMARC1; p=reject; t=y", "testing.test"),
            "slow.test", new DmarcDiscovery.TempFail("no answer from 127.0.0.1:53 within 300 ms"));

    private static DmarcDiscovery found(String at, String record, String org) {
        return new DmarcDiscovery.Found(at, DmarcRecord.parse(record).orElseThrow(), org);
    }

    private MessageAuthenticator auth(SpfResult spfResult) {
        SpfEvaluator spf = (ip, helo, from) -> new SpfVerdict(spfResult, from.isEmpty() ? "helo" : "mailfrom",
                from.isEmpty() ? helo : from.substring(from.indexOf('@') + 1), "");
        DmarcPolicyLookup dmarc = d -> {
            asked.add(d);
            return policies.getOrDefault(d, new DmarcDiscovery.NotFound(d));
        };
        return MessageAuthenticator.builder().authServId("mx.ghe.example.com").spf(spf).dmarc(dmarc).build();
    }

    private static DkimVerification dkim(DkimResult result, String domain) {
        return new DkimVerification(List.of(new DkimSignatureResult(result, domain, "s1", "rsa-sha256", "abcdefgh",
                result == DkimResult.PASS ? "" : "body hash did not verify")));
    }

    private static final DkimVerification NONE = new DkimVerification(List.of());

    private AuthenticationVerdict verify(SpfResult spf, String mailFrom, String from, DkimVerification d) {
        return auth(spf).verify(AuthenticationInput.of(IP, "client.test", mailFrom, from, d));
    }

    @Test
    void alignedSpfAlone_passes_relaxedAcrossSubdomains() {
        AuthenticationVerdict v = verify(SpfResult.PASS, "bounce@mail.sender.test", "sender.test", NONE);
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.PASS);
        assertThat(v.dmarc().spfAligned()).isTrue();
        assertThat(v.dmarc().dkimAligned()).isFalse();
        assertThat(v.authenticationResults()).isEqualTo("mx.ghe.example.com; spf=pass smtp.mailfrom=bounce@mail.sender.test;"
                + " dkim=none; dmarc=pass (p=reject dis=none) header.from=sender.test");
    }

    @Test
    void alignedDkimAlone_passes_evenWhenSpfFails() {
        AuthenticationVerdict v = verify(SpfResult.FAIL, "x@sender.test", "news.sender.test", dkim(DkimResult.PASS, "sender.test"));
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.PASS);
        assertThat(v.dmarc().dkimAligned()).isTrue();
        assertThat(v.dmarc().policy()).isEqualTo("quarantine");
        assertThat(v.dmarc().policyDomain()).isEqualTo("sender.test");
    }

    @Test
    void unalignedPasses_fail_andTheSubdomainPolicyApplies() {
        AuthenticationVerdict v = verify(SpfResult.PASS, "x@other.test", "news.sender.test", dkim(DkimResult.PASS, "other.test"));
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.FAIL);
        assertThat(v.dmarc().disposition()).isEqualTo("quarantine");
        assertThat(v.dmarc().reason()).contains("SPF (pass for other.test)").contains("DKIM (pass d=other.test)");
        assertThat(v.authenticationResults()).contains("dmarc=fail (p=quarantine dis=quarantine)");
        assertThat(asked).doesNotContain("other.test"); // outside the organizational domain: no lookup needed
    }

    @Test
    void strictAlignment_refusesASubdomain_relaxedAcceptsIt() {
        assertThat(verify(SpfResult.PASS, "x@mail.strict.test", "strict.test", NONE).dmarc().result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verify(SpfResult.FAIL, "x@a.test", "strict.test", dkim(DkimResult.PASS, "mail.strict.test")).dmarc().result())
                .isEqualTo(DmarcResult.FAIL);
        assertThat(verify(SpfResult.PASS, "x@strict.test", "strict.test", NONE).dmarc().result()).isEqualTo(DmarcResult.PASS);
    }

    @Test
    void aDomainWithoutPolicy_isNone_andAFailedSignatureIsReportedWithItsReason() {
        AuthenticationVerdict v = verify(SpfResult.FAIL, "x@nodmarc.test", "nodmarc.test", dkim(DkimResult.FAIL, "nodmarc.test"));
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.NONE);
        assertThat(v.authenticationResults()).contains("spf=fail smtp.mailfrom=x@nodmarc.test")
                .contains("dkim=fail reason=\"body hash did not verify\" header.d=nodmarc.test header.s=s1 header.b=abcdefgh")
                .contains("dmarc=none reason=\"nodmarc.test publishes no DMARC policy\" header.from=nodmarc.test");
    }

    @Test
    void dnsTimeouts_areTemperrors_neverAPass() {
        assertThat(verify(SpfResult.PASS, "x@slow.test", "slow.test", NONE).dmarc().result()).isEqualTo(DmarcResult.TEMPERROR);
        AuthenticationVerdict v = verify(SpfResult.TEMPERROR, "x@sender.test", "sender.test", NONE);
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.TEMPERROR);
        assertThat(v.authenticationResults()).contains("spf=temperror").contains("dmarc=temperror");
        DkimVerification tempKey = dkim(DkimResult.TEMPERROR, "sender.test");
        assertThat(verify(SpfResult.FAIL, "x@other.test", "sender.test", tempKey).dmarc().result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    @Test
    void throwingEvaluators_areTemperrors() {
        MessageAuthenticator broken = MessageAuthenticator.builder().authServId("mx.test")
                .spf((ip, h, f) -> {
                    throw new IllegalStateException("resolver crashed");
                })
                .dmarc(d -> {
                    throw new IllegalStateException("resolver crashed");
                }).build();
        AuthenticationVerdict v = broken.verify(AuthenticationInput.of(IP, "h.test", "x@sender.test", "sender.test", NONE));
        assertThat(v.spf().result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    @Test
    void testMode_softensTheDisposition() {
        DmarcVerdict v = verify(SpfResult.FAIL, "x@a.test", "testing.test", NONE).dmarc();
        assertThat(v.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(v.testing()).isTrue();
        assertThat(v.disposition()).isEqualTo("quarantine");
    }

    @Test
    void theFromDomain_isReadFromTheRawMessage_andTwoFromFieldsAreAPermerror() {
        MessageAuthenticator a = MessageAuthenticator.builder().authServId("mx.test")
                .spf((ip, h, f) -> new SpfVerdict(SpfResult.PASS, "mailfrom", "sender.test", ""))
                .dmarc(d -> policies.getOrDefault(d, new DmarcDiscovery.NotFound(d)))
                .dkim(dev.mailwright.core.dkim.DkimVerifier.builder()
                        .keyLookup(dev.mailwright.core.spi.DkimKeyLookup.of(Map.of())).build())
                .build();
        byte[] one = "From: \"Doe, Jane (sales)\" <jane@Sender.Test>\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        AuthenticationVerdict v = a.verify(AuthenticationInput.of(IP, "h.test", "jane@sender.test", one));
        assertThat(v.dmarc().fromDomain()).isEqualTo("sender.test");
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.PASS);
        byte[] two = "From: a@sender.test\r\nFrom: b@evil.test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        DmarcVerdict bad = a.verify(AuthenticationInput.of(IP, "h.test", "a@sender.test", two)).dmarc();
        assertThat(bad.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(bad.reason()).isEqualTo("the message has 2 From fields");
        byte[] list = "From: a@sender.test, b@evil.test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(a.verify(AuthenticationInput.of(IP, "h.test", "a@sender.test", list)).dmarc().reason())
                .contains("2 addresses");
        byte[] none = "Subject: x\r\n\r\nFrom: a@sender.test\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(a.verify(AuthenticationInput.of(IP, "h.test", "a@sender.test", none)).dmarc().reason()).contains("no From");
    }

    @Test
    void theNullSender_checksTheHeloIdentity_andTheHeaderSaysSo() {
        AuthenticationVerdict v = verify(SpfResult.PASS, "", "sender.test", NONE);
        assertThat(v.spf().identity()).isEqualTo("helo");
        assertThat(v.authenticationResults()).contains("spf=pass smtp.helo=client.test");
    }

    @Test
    void dmarcRecords_parseWithDefaults_andRefuseWhatIsNotOne() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1;p=Quarantine; adkim=s; psd=n; unknown=1").orElseThrow();
        assertThat(r).isEqualTo(new DmarcRecord("quarantine", null, Alignment.STRICT, Alignment.RELAXED, "n", false));
        assertThat(DmarcRecord.parse("v=DMARC1; rua=mailto:d@example.com").orElseThrow().policy()).isEqualTo("none");
        assertThat(DmarcRecord.parse("v=DMARC1; p=bogus")).isEmpty();
        assertThat(DmarcRecord.parse("p=reject; v=DMARC1")).isEmpty();
        assertThat(DmarcRecord.parse("v=spf1 -all")).isEmpty();
        assertThat(DmarcRecord.parse(null)).isEmpty();
    }

    @Test
    void theBuilder_namesEveryMissingProperty_andAValueSetTwice() {
        assertThatThrownBy(() -> MessageAuthenticator.builder().build()).hasMessageContaining("authServId(...) spf(...) dmarc(...)");
        assertThatThrownBy(() -> MessageAuthenticator.builder().authServId("a.test").authServId("b.test"))
                .hasMessageContaining("already set to a.test");
        MessageAuthenticator noDkim = auth(SpfResult.PASS);
        assertThatThrownBy(() -> noDkim.verify(AuthenticationInput.of(IP, "h", "a@b.test", "x".getBytes(StandardCharsets.US_ASCII))))
                .hasMessageContaining("dkim(...) is required");
    }
}
