package dev.mailwright.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.dkim.DkimResult;
import dev.mailwright.core.dkim.DkimSignatureResult;
import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.core.dkim.DkimSigningKey;
import dev.mailwright.core.dkim.DkimVerification;
import dev.mailwright.core.dkim.DkimVerifier;
import dev.mailwright.core.spi.DkimKeyLookup;
import dev.mailwright.core.testing.DkimPeers;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.SilentServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM keys published by a real DNS server (Knot): the check that the configured private keys'
 * public halves are the published ones, and the verifier looking keys up through DNS, with
 * messages signed by Mailwright and by OpenDKIM.
 */
class DkimKnotTest {
    private static final String MESSAGE = "From: Mona <noreply@sign.test>\r\nTo: noreply@sign.test\r\nSubject: Hello\r\n"
            + "Date: Sat, 1 Mar 2025 10:00:00 +0000\r\nMessage-ID: <1@sign.test>\r\n\r\nHello .\r\n.dot\r\n";
    private static final DkimSigningKey RSA = DkimSigningKey.of("rsa1", DkimPeers.rsa());
    private static final DkimSigningKey ED = DkimSigningKey.of("ed1", DkimPeers.ed25519());
    private static final DkimSigningKey OTHER = DkimSigningKey.of("other", DkimPeers.ed25519());
    private static KnotServer knot;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        List<String> zone = new ArrayList<>(List.of("$ORIGIN sign.test.", "$TTL 300",
                "@ SOA ns.sign.test. hostmaster.sign.test. 1 3600 600 86400 300", "@ NS ns", "ns A 127.0.0.1"));
        zone.add("rsa1._domainkey TXT " + strings(RSA.dnsRecord()));
        zone.add("ed1._domainkey TXT " + strings(ED.dnsRecord()));
        zone.add("other._domainkey TXT " + strings(ED.dnsRecord()));
        zone.add("revoked._domainkey TXT \"v=DKIM1; p=\"");
        knot = KnotServer.start(Map.of("sign.test", String.join("\n", zone) + "\n"), Set.of());
    }

    @AfterAll
    static void stop() {
        knot.close();
    }

    /** @return the value as quoted strings of at most 200 characters, as a long key must be split */
    private static String strings(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += 200) {
            out.append('"').append(value, i, Math.min(value.length(), i + 200)).append("\" ");
        }
        return out.toString().strip();
    }

    private static ResolverSettings resolver() {
        return ResolverSettings.of(knot.address()).withTimeout(Duration.ofSeconds(2));
    }

    private static Finding finding(List<Finding> findings, String code, String about) {
        return findings.stream().filter(f -> f.code().equals(code) && f.message().contains(about)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " finding about " + about + " in " + findings));
    }

    @Test
    void keyCheck_passesWhenDnsPublishesEachConfiguredKey() {
        List<Finding> findings = DkimKeyCheck.check(resolver(), "sign.test", List.of(RSA, ED));
        assertThat(finding(findings, "dns.dkim", "rsa1._domainkey.sign.test").message()).contains("RSA key of 2048 bits");
        assertThat(finding(findings, "dns.dkim.key", "rsa1._domainkey").severity()).isEqualTo(Severity.PASS);
        assertThat(finding(findings, "dns.dkim.key", "ed1._domainkey").severity()).isEqualTo(Severity.PASS);
        assertThat(findings).noneMatch(f -> f.severity() == Severity.FAILURE);
    }

    @Test
    void keyCheck_namesTheRecordToPublish_whenDnsHasAnotherKeyNoneOrARevokedOne() {
        DkimSigningKey revoked = DkimSigningKey.of("revoked", DkimPeers.ed25519());
        DkimSigningKey missing = DkimSigningKey.of("missing", DkimPeers.ed25519());
        List<Finding> findings = DkimKeyCheck.check(resolver(), "sign.test", List.of(OTHER, revoked, missing));
        Finding other = finding(findings, "dns.dkim.key", "other._domainkey.sign.test");
        assertThat(other.severity()).isEqualTo(Severity.FAILURE);
        assertThat(other.message()).contains("publishes another key than the configured private key");
        assertThat(other.remedy()).contains("other._domainkey.sign.test TXT \"" + OTHER.dnsRecord() + "\"");
        assertThat(finding(findings, "dns.dkim", "revoked").severity()).isEqualTo(Severity.FAILURE);
        Finding none = finding(findings, "dns.dkim", "missing._domainkey.sign.test has no DKIM key record");
        assertThat(none.severity()).isEqualTo(Severity.FAILURE);
        assertThat(none.remedy()).contains("Publish missing._domainkey.sign.test TXT \"" + missing.dnsRecord() + "\"");
    }

    @Test
    void keyCheck_reportsADeadResolverAsAFailureToLookUp() throws Exception {
        try (SilentServers.DeadResolver dead = new SilentServers.DeadResolver()) {
            List<Finding> findings = DkimKeyCheck.check(ResolverSettings.of(dead.address()).withTimeout(Duration.ofMillis(300)),
                    "sign.test", List.of(RSA));
            assertThat(finding(findings, "dns.dkim", "could not look up rsa1._domainkey.sign.test").severity())
                    .isEqualTo(Severity.FAILURE);
        }
    }

    @Test
    void verifierWithDnsLookup_checksMailwrightAndOpenDkimSignatures() throws Exception {
        DkimVerifier verifier = DkimVerifier.builder().keyLookup(DnsDkimKeyLookup.of(resolver())).build();
        byte[] ours = DkimSigner.builder().domain("sign.test").keys(RSA, ED).build().sign(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(ours).signatures()).extracting(DkimSignatureResult::result)
                .containsExactly(DkimResult.PASS, DkimResult.PASS);
        Path original = Files.writeString(dir.resolve("m.eml"), MESSAGE);
        for (DkimSigningKey key : List.of(RSA, ED)) {
            byte[] theirs = DkimPeers.opendkimSign(original, "sign.test", key.selector(), key.privateKey());
            assertThat(verifier.verify(theirs).passes("sign.test")).as("OpenDKIM-signed with %s", key).isTrue();
            String edited = new String(theirs, StandardCharsets.ISO_8859_1).replace("Hello .", "Hello!");
            assertThat(verifier.verify(edited.getBytes(StandardCharsets.ISO_8859_1)).signatures().get(0).result())
                    .isEqualTo(DkimResult.FAIL);
        }
        byte[] unknown = DkimSigner.builder().domain("sign.test").keys(DkimSigningKey.of("nosuch", DkimPeers.ed25519())).build()
                .sign(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        DkimSignatureResult r = verifier.verify(unknown).signatures().get(0);
        assertThat(r.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(r.reason()).isEqualTo("no key record at nosuch._domainkey.sign.test");
    }

    @Test
    void verifierWithADeadResolver_givesTemperror_neverPass() throws Exception {
        byte[] ours = DkimSigner.builder().domain("sign.test").keys(ED).build().sign(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        try (SilentServers.DeadResolver dead = new SilentServers.DeadResolver()) {
            DkimKeyLookup lookup = DnsDkimKeyLookup.of(ResolverSettings.of(dead.address()).withTimeout(Duration.ofMillis(300)));
            DkimVerification v = DkimVerifier.builder().keyLookup(lookup).build().verify(ours);
            assertThat(v.signatures().get(0).result()).isEqualTo(DkimResult.TEMPERROR);
            assertThat(v.signatures().get(0).reason()).contains("no answer from the DNS server");
            assertThat(v.isTemporary()).isTrue();
        }
    }
}
