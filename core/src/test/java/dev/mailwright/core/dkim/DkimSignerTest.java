package dev.mailwright.core.dkim;

import static dev.mailwright.core.dkim.DkimTestMessages.DOMAIN;
import static dev.mailwright.core.dkim.DkimTestMessages.MESSAGE;
import static dev.mailwright.core.dkim.DkimTestMessages.bytes;
import static dev.mailwright.core.dkim.DkimTestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.testing.DkimPeers;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkimSignerTest {
    private static final DkimSigningKey RSA = DkimSigningKey.of("rsa1", DkimPeers.rsa());
    private static final DkimSigningKey ED = DkimSigningKey.of("ed1", DkimPeers.ed25519());

    private static DkimSigner signer(DkimSigningKey... keys) {
        return DkimSigner.builder().domain(DOMAIN).keys(keys).clock(DkimTestMessages.CLOCK).build();
    }

    @Test
    void sign_rsaEd25519AndDual_verifyWithOwnVerifier() {
        for (DkimSigningKey[] keys : List.of(new DkimSigningKey[] {RSA}, new DkimSigningKey[] {ED},
                new DkimSigningKey[] {RSA, ED})) {
            byte[] signed = signer(keys).sign(bytes(MESSAGE));
            DkimVerification v = DkimTestMessages.verifier(RSA, ED).verify(signed);
            assertThat(v.signatures()).hasSize(keys.length).allSatisfy(s -> assertThat(s.result()).isEqualTo(DkimResult.PASS));
            assertThat(v.passes(DOMAIN)).isTrue();
        }
    }

    @Test
    void signatureField_signsAndOverSignsTheNotificationHeaders() {
        String field = text(signer(RSA).sign(bytes(MESSAGE)));
        field = field.substring(0, field.indexOf("Date:"));
        assertThat(field).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=rsa1;")
                .contains("t=1740823200;").doesNotContain("l=").doesNotContain("x=");
        String h = field.replaceAll("\\r\\n ", "").replaceAll("(?s).*?[; ]h=([^;]*);.*", "$1");
        assertThat(h).startsWith("from:from:reply-to:reply-to:to:to:cc:cc:subject:subject:date:date:message-id:message-id:"
                + "in-reply-to:references:list-id:list-id:list-archive:list-unsubscribe:list-unsubscribe:"
                + "list-unsubscribe-post:list-unsubscribe-post:mime-version:mime-version:content-type:content-type:"
                + "content-transfer-encoding:content-transfer-encoding:auto-submitted");
        assertThat(field.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(field).endsWith("\r\n").doesNotContain("\n\n");
    }

    @Test
    void sign_makesEveryLineEndCrlf_soTheSignedBytesAreTheWireBytes() {
        byte[] signed = signer(ED).sign(bytes(MESSAGE.replace("\r\n", "\n")));
        assertThat(text(signed)).doesNotContainPattern("[^\r]\n").doesNotContainPattern("\r[^\n]");
        assertThat(text(signed)).endsWith(MESSAGE);
    }

    @Test
    void sign_isDeterministicForAFixedClock() {
        assertThat(signer(RSA, ED).sign(bytes(MESSAGE))).isEqualTo(signer(RSA, ED).sign(bytes(MESSAGE)));
    }

    @Test
    void sign_refusesAMessageWithoutFrom() {
        assertThatThrownBy(() -> signer(RSA).sign(bytes("Subject: x\r\n\r\nbody\r\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no From field");
    }

    @Test
    void builder_namesWhatIsMissingAndRefusesSettingTwice() {
        assertThatThrownBy(() -> DkimSigner.builder().build()).hasMessageContaining("domain(...) is required")
                .hasMessageContaining("keys(...) is required");
        assertThatThrownBy(() -> DkimSigner.builder().domain("a.test").domain("b.test")).hasMessageContaining("already set");
        assertThatThrownBy(() -> DkimSigner.builder().keys(RSA, DkimSigningKey.of("rsa1", DkimPeers.ed25519())))
                .hasMessageContaining("two DKIM keys have the selector rsa1");
        assertThatThrownBy(() -> DkimSigner.builder().signedHeaders(List.of("To"))).hasMessageContaining("must include From");
        assertThatThrownBy(() -> DkimSigner.builder().domain("not a domain")).hasMessageContaining("not a valid DNS host name");
    }

    @Test
    void signingKey_refusesWeakMismatchedOrWrongKeys() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        java.security.KeyPair weak = g.generateKeyPair();
        assertThatThrownBy(() -> DkimSigningKey.of("s1", weak)).hasMessageContaining("1024 bits")
                .hasMessageContaining("at least 2048");
        assertThatThrownBy(() -> new DkimSigningKey("s1", DkimAlgorithm.RSA_SHA256, RSA.privateKey(), DkimPeers.rsa().getPublic()))
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> new DkimSigningKey("s1", DkimAlgorithm.ED25519_SHA256, ED.privateKey(),
                DkimPeers.ed25519().getPublic())).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> new DkimSigningKey("s1", DkimAlgorithm.ED25519_SHA256, RSA.privateKey(), RSA.publicKey()))
                .hasMessageContaining("needs an Ed25519 key pair");
        assertThatThrownBy(() -> DkimSigningKey.of("bad selector", DkimPeers.ed25519())).hasMessageContaining("not valid");
    }

    @Test
    void toString_neverShowsTheKey() {
        String priv = java.util.Base64.getEncoder().encodeToString(RSA.privateKey().getEncoded()).substring(40, 80);
        assertThat(RSA.toString()).isEqualTo("DkimSigningKey[selector=rsa1, rsa-sha256, 2048 bits]");
        assertThat(signer(RSA, ED).toString()).doesNotContain(priv).contains("rsa1").contains("ed1");
    }

    @Test
    void provider_isUsedAsAnInstance_andCheckedAgainstThePublicKeyAtBuild() {
        java.security.Provider sunEc = java.security.Security.getProvider("SunEC");
        DkimSigner viaProvider = DkimSigner.builder().domain(DOMAIN).keys(ED).clock(DkimTestMessages.CLOCK).provider(DkimAlgorithm.ED25519_SHA256, sunEc)
                .build();
        assertThat(viaProvider.sign(bytes(MESSAGE))).isEqualTo(signer(ED).sign(bytes(MESSAGE)));
        assertThat(viaProvider.toString()).contains("ed25519-sha256 by SunEC");
        java.security.Provider rsaOnly = java.security.Security.getProvider("SunRsaSign");
        assertThatThrownBy(() -> DkimSigner.builder().domain(DOMAIN).keys(ED).provider(DkimAlgorithm.ED25519_SHA256, rsaOnly).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the provider SunRsaSign cannot sign with the ed25519-sha256 key of selector ed1");
    }
}
