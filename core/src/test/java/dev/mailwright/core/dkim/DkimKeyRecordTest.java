package dev.mailwright.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.testing.DkimPeers;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeyRecordTest {
    private static final KeyPair RSA = DkimPeers.rsa();
    private static final KeyPair ED = DkimPeers.ed25519();

    @Test
    void format_thenParse_givesTheSameKey() {
        for (KeyPair pair : new KeyPair[] {RSA, ED}) {
            String txt = DkimKeyRecord.format(pair.getPublic());
            DkimKeyRecord r = DkimKeyRecord.parse(txt);
            assertThat(r.publishes(pair.getPublic())).isTrue();
            assertThat(r.toString()).isEqualTo(txt);
        }
        assertThat(DkimKeyRecord.parse(DkimKeyRecord.format(RSA.getPublic())).bits()).isEqualTo(2048);
        assertThat(DkimKeyRecord.format(ED.getPublic())).startsWith("v=DKIM1; k=ed25519; p=").hasSize(22 + 44);
    }

    @Test
    void parse_acceptsFoldedKeysFlagsAndTheBareRsaPublicKeyOfRfc6376() {
        byte[] spki = RSA.getPublic().getEncoded();
        String bare = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, 24, spki.length));
        DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; h=sha1:sha256; k=rsa; s=email; t=y:s; p=" + bare.substring(0, 100)
                + " \t" + bare.substring(100));
        assertThat(r.publishes(RSA.getPublic())).isTrue();
        assertThat(r.testing()).isTrue();
        assertThat(r.strict()).isTrue();
        assertThat(DkimKeyRecord.parse("v=DKIM1; p=").isRevoked()).isTrue();
    }

    @Test
    void parse_refusesWhatCannotBeAKey() {
        String p = Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded());
        assertThatThrownBy(() -> DkimKeyRecord.parse("k=rsa; v=DKIM1; p=" + p)).hasMessageContaining("come first");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; h=sha1; p=" + p)).hasMessageContaining("sha256");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; s=tls; p=" + p)).hasMessageContaining("email");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; k=dsa; p=" + p)).hasMessageContaining("k=dsa");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; k=rsa")).hasMessageContaining("no p=");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; p=!!!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; p=AAAA")).hasMessageContaining("not a valid rsa public key");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=" + p)).hasMessageContaining("32");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; p=" + p + "; p=" + p)).hasMessageContaining("twice");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; p")).hasMessageContaining("no '='");
        assertThatThrownBy(() -> DkimKeyRecord.parse("x".repeat(9000))).hasMessageContaining("8192");
    }
}
