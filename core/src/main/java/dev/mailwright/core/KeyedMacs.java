package dev.mailwright.core;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under every key of a {@link KeyRing}, the signing key first: one {@link Mac} per key
 * per thread, reused. Shared by the reply-address and bounce-address codecs so that both sign with
 * the same keys, rotate together and compare in constant time the same way.
 */
final class KeyedMacs {
    private final List<byte[]> keys;
    private final ThreadLocal<Mac[]> macs;

    KeyedMacs(KeyRing ring) {
        List<byte[]> all = new ArrayList<>();
        all.add(ring.signingKey());
        all.addAll(ring.verifyOnlyKeys());
        this.keys = List.copyOf(all);
        this.macs = ThreadLocal.withInitial(this::newMacs);
    }

    private Mac[] newMacs() {
        Mac[] result = new Mac[keys.size()];
        try {
            for (int i = 0; i < result.length; i++) {
                result[i] = Mac.getInstance("HmacSHA256");
                result[i].init(new SecretKeySpec(keys.get(i), "HmacSHA256"));
            }
        } catch (GeneralSecurityException e) {
            throw new MailwrightException("HmacSHA256 is not available in this JVM", e);
        }
        return result;
    }

    /** @return how many keys verify */
    int size() {
        return keys.size();
    }

    /**
     * @param keyIndex 0 for the signing key
     * @param input the canonical text
     * @return the 32-byte MAC
     */
    byte[] mac(int keyIndex, byte[] input) {
        return macs.get()[keyIndex].doFinal(input);
    }

    /**
     * Tries every key and compares the first {@code given.length} bytes in constant time.
     *
     * @param input the canonical text
     * @param given the truncated MAC found in the address
     * @return the index of the key that signed it (0: the signing key), or -1 for none
     */
    int verify(byte[] input, byte[] given) {
        for (int k = 0; k < keys.size(); k++) {
            if (MessageDigest.isEqual(Arrays.copyOf(mac(k, input), given.length), given)) {
                return k;
            }
        }
        return -1;
    }
}
