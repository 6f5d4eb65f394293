package dev.mailwright.core.dkim;

import java.util.Locale;

/** The DKIM signing algorithms Mailwright signs and verifies with. {@code rsa-sha1} is refused (RFC 8301). */
public enum DkimAlgorithm {
    /** {@code rsa-sha256}: RSASSA-PKCS1-v1_5 with SHA-256 over the header data (RFC 6376). */
    RSA_SHA256("rsa-sha256", "rsa"),
    /** {@code ed25519-sha256}: PureEdDSA Ed25519 over the SHA-256 hash of the header data (RFC 8463). */
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** @return the value of the signature's {@code a=} tag, such as {@code rsa-sha256} */
    public String tag() {
        return tag;
    }

    /** @return the value of the key record's {@code k=} tag, {@code rsa} or {@code ed25519} */
    public String keyType() {
        return keyType;
    }

    /**
     * @param tag an {@code a=} value, any case
     * @return the algorithm
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static DkimAlgorithm fromTag(String tag) {
        String t = tag.strip().toLowerCase(Locale.ROOT);
        for (DkimAlgorithm a : values()) {
            if (a.tag.equals(t)) {
                return a;
            }
        }
        if (t.equals("rsa-sha1")) {
            throw new IllegalArgumentException("a=rsa-sha1 is not accepted (RFC 8301): sign with rsa-sha256 or ed25519-sha256");
        }
        throw new IllegalArgumentException("unknown signing algorithm a=" + Text.printable(tag)
                + "; DKIM uses rsa-sha256 or ed25519-sha256");
    }

    /**
     * @param keyType a {@code k=} value, any case
     * @return the algorithm that uses that key type
     * @throws IllegalArgumentException naming the value
     */
    public static DkimAlgorithm fromKeyType(String keyType) {
        String k = keyType.strip().toLowerCase(Locale.ROOT);
        for (DkimAlgorithm a : values()) {
            if (a.keyType.equals(k)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown key type k=" + Text.printable(keyType) + "; DKIM keys are rsa or ed25519");
    }
}
