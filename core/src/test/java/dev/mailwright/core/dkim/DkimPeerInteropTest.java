package dev.mailwright.core.dkim;

import static dev.mailwright.core.dkim.DkimTestMessages.DOMAIN;
import static dev.mailwright.core.dkim.DkimTestMessages.MESSAGE;
import static dev.mailwright.core.dkim.DkimTestMessages.bytes;
import static dev.mailwright.core.dkim.DkimTestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.DkimPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mailwright's signer and verifier against the real DKIM implementations of PEERS.md: OpenDKIM's
 * test mode and dkimpy verify what Mailwright signs; Mailwright verifies what they sign, and
 * refuses what was changed after signing.
 */
class DkimPeerInteropTest {
    private static final DkimSigningKey RSA = DkimSigningKey.of("rsa1", DkimPeers.rsa());
    private static final DkimSigningKey ED = DkimSigningKey.of("ed1", DkimPeers.ed25519());
    private static final DkimVerifier VERIFIER = DkimTestMessages.verifier(RSA, ED);

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void peersVerifyMailwrightSignatures_rsaEd25519AndDual() throws IOException {
        for (List<DkimSigningKey> keys : List.of(List.of(RSA), List.of(ED), List.of(RSA, ED))) {
            byte[] signed = DkimSigner.builder().domain(DOMAIN).keys(keys).build().sign(bytes(MESSAGE));
            Path f = file("signed.eml", signed);
            String opendkim = DkimPeers.opendkimVerify(f, DkimTestMessages.records(RSA, ED));
            assertThat(opendkim).as("OpenDKIM on %s", keys).contains("succeeded").doesNotContain("failed");
            assertThat(DkimPeers.opendkimPasses(opendkim)).as(opendkim).isEqualTo(keys.size());
            keys.forEach(k -> assertThat(opendkim).contains("header.a=" + k.algorithm().tag() + " header.s=" + k.selector()));
            assertThat(DkimPeers.dkimpyVerify(f, DkimTestMessages.records(RSA, ED))).as("dkimpy on %s", keys)
                    .isEqualTo(keys.size() == 1 ? "pass" : "pass | pass");
        }
    }

    @Test
    void peersRefuseAMailwrightSignatureAfterTheUnsubscribeLinkIsChanged() throws IOException {
        byte[] signed = DkimSigner.builder().domain(DOMAIN).keys(RSA).build().sign(bytes(MESSAGE));
        Path f = file("changed.eml", bytes(text(signed).replace("unsubscribe/AB12", "unsubscribe/EVIL")));
        assertThat(DkimPeers.opendkimVerify(f, DkimTestMessages.records(RSA))).contains("failed");
        assertThat(DkimPeers.dkimpyVerify(f, DkimTestMessages.records(RSA))).startsWith("fail");
    }

    @Test
    void verifiesOpenDkimSignatures_andRefusesEditedBodyOrHeader() throws IOException {
        Path original = file("original.eml", bytes(MESSAGE));
        for (DkimSigningKey key : List.of(RSA, ED)) {
            byte[] signed = DkimPeers.opendkimSign(original, DOMAIN, key.selector(), key.privateKey());
            assertThat(text(signed)).contains("a=" + key.algorithm().tag());
            assertResult(signed, DkimResult.PASS, "");
            assertResult(bytes(text(signed).replace("can you look?", "can you pay?")), DkimResult.FAIL,
                    "body hash did not verify");
            assertResult(bytes(text(signed).replace("Crash on empty settings", "Crash on full settings")), DkimResult.FAIL,
                    "signature did not verify");
        }
    }

    @Test
    void verifiesDkimpySignatures_andReportsBodyLengthAbuseAsPolicy() throws IOException {
        Path original = file("original.eml", bytes(MESSAGE));
        for (DkimSigningKey key : List.of(RSA, ED)) {
            byte[] signed = DkimPeers.dkimpySign(original, DOMAIN, key.selector(), key.privateKey(), false);
            assertResult(signed, DkimResult.PASS, "");
            assertResult(bytes(text(signed).replace("From: Mona Lisa", "From: Mona Liza")), DkimResult.FAIL,
                    "signature did not verify");

            byte[] withLength = DkimPeers.dkimpySign(original, DOMAIN, key.selector(), key.privateKey(), true);
            assertThat(text(withLength)).containsPattern("l=\\d+");
            assertResult(withLength, DkimResult.PASS, "");
            byte[] appended = bytes(text(withLength) + "Pay to IBAN XX00 0000 at once.\r\n");
            assertResult(appended, DkimResult.POLICY, "covers only the first");
            assertThat(DkimVerifier.builder().keyLookup(dev.mailwright.core.spi.DkimKeyLookup.of(DkimTestMessages.records(RSA, ED)))
                    .acceptBodyLength(true).build().verify(appended).hasPass()).isTrue();
        }
    }

    private static void assertResult(byte[] message, DkimResult expected, String reason) {
        DkimVerification v = VERIFIER.verify(message);
        assertThat(v.signatures()).hasSize(1);
        assertThat(v.signatures().get(0).result()).as("%s", v.signatures().get(0)).isEqualTo(expected);
        assertThat(v.signatures().get(0).reason()).contains(reason);
    }
}
