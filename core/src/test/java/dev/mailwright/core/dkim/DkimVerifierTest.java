package dev.mailwright.core.dkim;

import static dev.mailwright.core.dkim.DkimTestMessages.CLOCK;
import static dev.mailwright.core.dkim.DkimTestMessages.DOMAIN;
import static dev.mailwright.core.dkim.DkimTestMessages.MESSAGE;
import static dev.mailwright.core.dkim.DkimTestMessages.bytes;
import static dev.mailwright.core.dkim.DkimTestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.spi.DkimKeyLookup;
import dev.mailwright.core.testing.DkimPeers;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile and broken input: every case ends as a result with its reason, never an exception, never a false pass. */
class DkimVerifierTest {
    private static final DkimSigningKey RSA = DkimSigningKey.of("rsa1", DkimPeers.rsa());
    private static final DkimSigningKey ED = DkimSigningKey.of("ed1", DkimPeers.ed25519());
    private static final String VALID_BH = "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    private static byte[] signed(DkimSigningKey... keys) {
        return DkimSigner.builder().domain(DOMAIN).keys(keys).clock(CLOCK).build().sign(bytes(MESSAGE));
    }

    private static DkimSignatureResult only(DkimVerification v) {
        assertThat(v.signatures()).hasSize(1);
        return v.signatures().get(0);
    }

    private static DkimSignatureResult verifyField(String field, DkimKeyLookup lookup) {
        byte[] m = bytes("DKIM-Signature: " + field + "\r\n" + MESSAGE);
        return only(DkimVerifier.builder().keyLookup(lookup).clock(CLOCK).build().verify(m));
    }

    private static DkimKeyLookup keys(DkimSigningKey... keys) {
        return DkimKeyLookup.of(DkimTestMessages.records(keys));
    }

    @Test
    void unsignedMessage_isNone() {
        DkimVerification v = DkimTestMessages.verifier(RSA).verify(bytes(MESSAGE));
        assertThat(v.isNone()).isTrue();
        assertThat(v.hasPass()).isFalse();
    }

    @Test
    void malformedTags_arePermerrorsWithTheirReason() {
        String base = "v=1; a=rsa-sha256; d=example.test; s=rsa1; h=from:subject; " + VALID_BH + "; b=AAAA";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(base.replace("v=1", "v=2"), "v=2 is not 1");
        cases.put(base.replace("a=rsa-sha256", "a=rsa-sha1"), "RFC 8301");
        cases.put(base.replace("a=rsa-sha256", "a=rot13"), "unknown signing algorithm");
        cases.put(base.replace("h=from:subject", "h=to:subject"), "does not sign the From field");
        cases.put(base.replace("; s=rsa1", ""), "no s= tag");
        cases.put(base.replace("d=example.test", "d=exa mple"), "not a domain name");
        cases.put(base + "; d=example.test", "appears twice");
        cases.put(base.replace("b=AAAA", "b=A!A"), "b= is not valid base64");
        cases.put(base.replace("s=rsa1", "s"), "has no '='");
        cases.put(base + "; c=relaxed/fuzzy", "unknown canonicalization");
        cases.put(base + "; i=user@evil.test", "not within d=");
        cases.put(base + "; q=http", "dns/txt");
        cases.put(base + "; t=1700000000; x=1600000000", "before t=");
        cases.put(base + "; x=1600000000", "expired");
        cases.put(base + "; l=" + "9".repeat(100), "at most 76 digits");
        cases.put(base + "; l=-5", "not a number");
        cases.put(base.replace(VALID_BH, "bh=AAAA"), "32");
        cases.put(base.replace("h=from:subject", "h=" + "from:".repeat(300) + "from"), "more than 256");
        cases.put(base + "; z=\u0001", "control");
        cases.forEach((field, reason) -> {
            DkimSignatureResult r = verifyField(field, keys(RSA));
            assertThat(r.result()).as(field).isEqualTo(DkimResult.PERMERROR);
            assertThat(r.reason()).as(field).startsWith("malformed signature").contains(reason);
        });
        assertThat(verifyField("v=1; a=rsa-sha256; d=example.test; s=rsa1; " + "x".repeat(17_000), keys(RSA)).reason())
                .contains("longer than 16384");
    }

    @Test
    void bodyLengthLargerThanTheBody_evenHuge_isPermerror() {
        String base = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=rsa1; h=from; " + VALID_BH + "; b=AAAA; l=";
        for (String l : new String[] {"99999", "99999999999999999999999999999999999999"}) {
            DkimSignatureResult r = verifyField(base + l, keys(RSA));
            assertThat(r.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(r.reason()).contains("is longer than the body");
            assertThat(r.domain()).isEqualTo(DOMAIN);
            assertThat(r.selector()).isEqualTo("rsa1");
        }
    }

    @Test
    void signedHeaderRemovedOrAddedAfterSigning_fails() {
        String signed = text(signed(RSA));
        List<String> changed = List.of(
                signed.replaceFirst("Subject: [^\r]*\r\n", ""),
                signed.replace("\r\n\r\n@octocat", "\r\nFrom: Evil <ceo@example.test>\r\n\r\n@octocat"),
                signed.replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", ""),
                signed.replace("MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nIn-Reply-To: <other@example.test>\r\n"));
        for (String m : changed) {
            DkimSignatureResult r = only(DkimTestMessages.verifier(RSA).verify(bytes(m)));
            assertThat(r.result()).isEqualTo(DkimResult.FAIL);
            assertThat(r.reason()).isEqualTo("signature did not verify");
        }
        String unsignedHeader = signed.replace("MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nX-Spam-Score: 0\r\n");
        assertThat(only(DkimTestMessages.verifier(RSA).verify(bytes(unsignedHeader))).result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void badKeys_arePermerrors() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        String weak = DkimKeyRecord.format(g.generateKeyPair().getPublic());
        String name = RSA.dnsName(DOMAIN);
        Map<String, String> cases = Map.of(
                "v=DKIM1; p=", "revoked",
                ED.dnsRecord(), "is k=ed25519 but the signature is a=rsa-sha256",
                weak, "has 512 bits",
                "v=DKIM1; p=MIIB!!", "is not valid: p= is not valid base64",
                RSA.dnsRecord() + "; t=s", "PASS");
        cases.forEach((record, reason) -> {
            DkimSignatureResult r = only(DkimVerifier.builder().keyLookup(DkimKeyLookup.of(Map.of(name, record))).build()
                    .verify(signed(RSA)));
            if (reason.equals("PASS")) {
                assertThat(r.result()).isEqualTo(DkimResult.PASS);
            } else {
                assertThat(r.result()).as(record).isEqualTo(DkimResult.PERMERROR);
                assertThat(r.reason()).contains(reason);
            }
        });
        DkimSignatureResult missing = only(DkimVerifier.builder().keyLookup(keys()).build().verify(signed(RSA)));
        assertThat(missing.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(missing.reason()).isEqualTo("no key record at rsa1._domainkey.example.test");
        DkimKeyLookup twoRecords = n -> new DkimKeyLookup.Records(List.of("v=spf1 -all", RSA.dnsRecord()));
        assertThat(only(DkimVerifier.builder().keyLookup(twoRecords).build().verify(signed(RSA))).isPass()).isTrue();
    }

    @Test
    void lookupFailures_areTemperrors_neverPasses() {
        List<DkimKeyLookup> failing = List.of(
                n -> new DkimKeyLookup.TempFail("timeout after 3s"),
                n -> {
                    throw new IllegalStateException("resolver crashed");
                },
                n -> null);
        for (DkimKeyLookup lookup : failing) {
            DkimVerification v = DkimVerifier.builder().keyLookup(lookup).build().verify(signed(RSA, ED));
            assertThat(v.signatures()).hasSize(2).allSatisfy(s -> assertThat(s.result()).isEqualTo(DkimResult.TEMPERROR));
            assertThat(v.hasPass()).isFalse();
            assertThat(v.isTemporary()).isTrue();
        }
        DkimSignatureResult r = only(DkimVerifier.builder().keyLookup(n -> new DkimKeyLookup.TempFail("timeout after 3s"))
                .build().verify(signed(RSA)));
        assertThat(r.reason()).isEqualTo("key lookup of rsa1._domainkey.example.test failed: timeout after 3s");
    }

    @Test
    void dualSignature_passesWhenOneKeyIsMissing() {
        DkimVerification v = DkimVerifier.builder().keyLookup(keys(ED)).build().verify(signed(RSA, ED));
        assertThat(v.signatures()).extracting(DkimSignatureResult::result).containsExactly(DkimResult.PERMERROR, DkimResult.PASS);
        assertThat(v.passes("EXAMPLE.test")).isTrue();
        assertThat(v.passingDomains()).containsExactly(DOMAIN);
        assertThat(v.signatures().get(1).algorithm()).isEqualTo("ed25519-sha256");
        assertThat(v.signatures().get(1).headerB()).hasSize(8);
    }

    @Test
    void manySignatures_onlyTheFirstFiveAreChecked() {
        List<DkimSigningKey> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(DkimSigningKey.of("ed" + i, DkimPeers.ed25519()));
        }
        DkimVerification v = DkimTestMessages.verifier(seven.toArray(new DkimSigningKey[0])).verify(signed(seven.toArray(
                new DkimSigningKey[0])));
        assertThat(v.signatures()).extracting(DkimSignatureResult::result).containsExactly(DkimResult.PASS,
                DkimResult.PASS, DkimResult.PASS, DkimResult.PASS, DkimResult.PASS, DkimResult.PERMERROR, DkimResult.PERMERROR);
        assertThat(v.signatures().get(6).reason()).contains("only the first 5");
    }

    @Test
    void slowLookups_stopAtTheTimeLimit() {
        Map<String, String> records = DkimTestMessages.records(RSA, ED);
        DkimKeyLookup slow = name -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new DkimKeyLookup.Records(List.of(records.get(name)));
        };
        DkimVerification v = DkimVerifier.builder().keyLookup(slow).timeLimit(Duration.ofMillis(100)).build()
                .verify(signed(RSA, ED));
        assertThat(v.signatures().get(0).result()).isEqualTo(DkimResult.PASS);
        assertThat(v.signatures().get(1).result()).isEqualTo(DkimResult.TEMPERROR);
        assertThat(v.signatures().get(1).reason()).contains("took longer than");
    }

    @Test
    void hugeHeaderSection_isRefusedWithoutParsingSignatures() {
        StringBuilder m = new StringBuilder(text(signed(RSA)));
        m.insert(0, "X-Filler: 1\r\n".repeat(6000));
        DkimSignatureResult r = only(DkimTestMessages.verifier(RSA).verify(bytes(m.toString())));
        assertThat(r.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(r.reason()).contains("more than 5000 fields");
    }

    @Test
    void expiredSignature_isPermerror() {
        byte[] m = DkimSigner.builder().domain(DOMAIN).keys(RSA).clock(CLOCK).expiry(Duration.ofDays(1)).build()
                .sign(bytes(MESSAGE));
        assertThat(only(DkimTestMessages.verifier(RSA).verify(m)).isPass()).isTrue();
        DkimSignatureResult later = only(DkimVerifier.builder().keyLookup(keys(RSA))
                .clock(java.time.Clock.offset(CLOCK, Duration.ofDays(2))).build().verify(m));
        assertThat(later.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(later.reason()).contains("expired");
    }

    @Test
    void lfLineEnds_verifyLikeCrlf() {
        String lf = text(signed(RSA, ED)).replace("\r\n", "\n");
        assertThat(DkimTestMessages.verifier(RSA, ED).verify(bytes(lf)).signatures())
                .allSatisfy(s -> assertThat(s.result()).isEqualTo(DkimResult.PASS));
    }

    @Test
    void keysAreLookedUpOncePerName() {
        Map<String, Integer> asked = new HashMap<>();
        Map<String, String> records = DkimTestMessages.records(RSA);
        DkimKeyLookup counting = name -> {
            asked.merge(name, 1, Integer::sum);
            return new DkimKeyLookup.Records(List.of(records.get(name)));
        };
        String twice = text(signed(RSA));
        String field = twice.substring(0, twice.indexOf("Date:"));
        DkimVerifier.builder().keyLookup(counting).build().verify(bytes(field + twice));
        assertThat(asked).containsExactly(Map.entry("rsa1._domainkey.example.test", 1));
    }
}
