package dev.mailwright.core.dkim;

import static dev.mailwright.core.dkim.DkimTestMessages.DOMAIN;
import static dev.mailwright.core.dkim.DkimTestMessages.MESSAGE;
import static dev.mailwright.core.dkim.DkimTestMessages.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.DkimPeers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The verifier never throws, whatever the bytes, and never passes a body or header it did not sign. */
class DkimVerifierProperties {
    private static final DkimSigningKey ED = DkimSigningKey.of("ed1", DkimPeers.ed25519());
    private static final byte[] SIGNED = DkimSigner.builder().domain(DOMAIN).keys(ED).build().sign(bytes(MESSAGE));
    private static final DkimVerifier VERIFIER = DkimTestMessages.verifier(ED);

    @Property(tries = 300)
    void arbitraryBytes_neverThrow(@ForAll byte[] message) {
        DkimVerification v = VERIFIER.verify(message);
        assertThat(v.hasPass()).isFalse();
    }

    @Property(tries = 300)
    void signedMessageWithAnyByteChanged_neverPassesUnlessOnlyWhiteSpaceOrFoldingChanged(
            @ForAll("positions") int position, @ForAll("printable") byte replacement) {
        byte[] m = SIGNED.clone();
        byte old = m[position];
        if (old == replacement || isSpace(old) || isSpace(replacement) || old == '\r' || old == '\n'
                || Character.toLowerCase((char) old) == Character.toLowerCase((char) replacement) && isHeaderName(m, position)) {
            return;
        }
        m[position] = replacement;
        assertThat(VERIFIER.verify(m).hasPass()).as("byte %d '%c' -> '%c'", position, (char) old, (char) replacement).isFalse();
    }

    @Property(tries = 200)
    void signatureFieldGarbledAnywhere_neverThrows(@ForAll("positions") int position, @ForAll byte replacement) {
        byte[] m = SIGNED.clone();
        m[position % 400] = replacement;
        VERIFIER.verify(m);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, SIGNED.length - 1);
    }

    @Provide
    Arbitrary<Byte> printable() {
        return Arbitraries.bytes().between((byte) 0x21, (byte) 0x7e);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** @return true when the byte lies in a header field's name, where relaxed canonicalization ignores case */
    private static boolean isHeaderName(byte[] m, int position) {
        int lineStart = position;
        while (lineStart > 0 && m[lineStart - 1] != '\n') {
            lineStart--;
        }
        if (m[lineStart] == ' ' || m[lineStart] == '\t') {
            return false;
        }
        for (int i = lineStart; i < position; i++) {
            if (m[i] == ':') {
                return false;
            }
        }
        return true;
    }
}
