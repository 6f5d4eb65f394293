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
}
