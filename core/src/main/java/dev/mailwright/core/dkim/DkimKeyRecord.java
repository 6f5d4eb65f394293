package dev.mailwright.core.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A DKIM key record, the TXT value at {@code <selector>._domainkey.<domain>} (RFC 6376 section
 * 3.6.1, RFC 8463): {@code v=DKIM1; k=rsa; p=<base64>}.
 *
 * @param algorithm the signing algorithm of the key type ({@code k=}, {@code rsa} by default)
 * @param publicKey the key, or null when the record revokes it ({@code p=} empty)
 * @param testing the {@code t=y} flag: the domain is testing DKIM
 * @param strict the {@code t=s} flag: {@code i=} must be in {@code d=} itself, not a subdomain
 * @param hashes the hash algorithms allowed by {@code h=} (empty: all)
 * @param services the service types of {@code s=} (empty: all)
 */
public record DkimKeyRecord(DkimAlgorithm algorithm, PublicKey publicKey, boolean testing, boolean strict,
        List<String> hashes, List<String> services) {
    /** The longest record text accepted; a 16384-bit RSA key fits. */
    public static final int MAX_LENGTH = 8192;
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /** Validates and copies the lists. */
    public DkimKeyRecord {
        Objects.requireNonNull(algorithm, "algorithm");
        hashes = List.copyOf(hashes);
        services = List.copyOf(services);
    }

    /** @return true when {@code p=} is empty: the key was withdrawn */
    public boolean isRevoked() {
        return publicKey == null;
    }

    /** @return the RSA modulus length, 256 for Ed25519, 0 when revoked */
    public int bits() {
        if (publicKey == null) {
            return 0;
        }
        return publicKey instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 256;
    }

    /**
     * @param key a public key
     * @return true when this record publishes that very key
     */
    public boolean publishes(PublicKey key) {
        return publicKey != null && key != null && Arrays.equals(publicKey.getEncoded(), key.getEncoded());
    }

    /**
     * Parses a record's text (its TXT strings joined with "").
     *
     * @param text the record
     * @return the record
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DkimKeyRecord parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the key record is " + text.length() + " characters long, more than "
                    + MAX_LENGTH);
        }
        TagList tags = TagList.parse(text, 32);
        String v = tags.value("v");
        if (v != null && (!tags.tags().get(0).name().equals("v") || !v.equals("DKIM1"))) {
            throw new IllegalArgumentException("v=" + Text.printable(v) + " must be DKIM1 and come first");
        }
        DkimAlgorithm algorithm = DkimAlgorithm.fromKeyType(tags.value("k") == null ? "rsa" : tags.value("k"));
        List<String> hashes = lower(tags.value("h"));
        if (!hashes.isEmpty() && !hashes.contains("sha256")) {
            throw new IllegalArgumentException("h=" + Text.printable(tags.value("h")) + " does not allow sha256");
        }
        List<String> services = lower(tags.value("s"));
        if (!services.isEmpty() && !services.contains("*") && !services.contains("email")) {
            throw new IllegalArgumentException("s=" + Text.printable(tags.value("s")) + " does not allow email");
        }
        List<String> flags = lower(tags.value("t"));
        String p = tags.value("p");
        if (p == null) {
            throw new IllegalArgumentException("the record has no p= tag");
        }
        PublicKey key = decode(algorithm, TagList.unfolded(p));
        return new DkimKeyRecord(algorithm, key, flags.contains("y"), flags.contains("s"), hashes, services);
    }

    private static List<String> lower(String value) {
        return value == null ? List.of() : TagList.items(value.toLowerCase(Locale.ROOT));
    }

    private static PublicKey decode(DkimAlgorithm algorithm, String p) {
        if (p.isEmpty()) {
            return null;
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("p= is not valid base64 (" + e.getMessage() + ")", e);
        }
        try {
            if (algorithm == DkimAlgorithm.ED25519_SHA256) {
                if (der.length != 32) {
                    throw new IllegalArgumentException("p= holds " + der.length + " bytes; an Ed25519 key has 32");
                }
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, 44);
                System.arraycopy(der, 0, spki, 12, 32);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            }
            return rsa(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("p= is not a valid " + algorithm.keyType() + " public key ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static PublicKey rsa(byte[] der) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        try {
            return rsa.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            // RFC 6376 names the bare RSAPublicKey; most publishers use SubjectPublicKeyInfo. Accept both.
            return rsa.generatePublic(new X509EncodedKeySpec(Der.rsaSubjectPublicKeyInfo(der)));
        }
    }

    /**
     * The record to publish for a public key.
     *
     * @param key an RSA or Ed25519 public key
     * @return {@code v=DKIM1; k=rsa; p=...} or {@code v=DKIM1; k=ed25519; p=...}
     * @throws IllegalArgumentException for another kind of key
     */
    public static String format(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (key instanceof RSAPublicKey) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(spki);
        }
        if (isEd25519(key) && spki.length == 44) {
            return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, 12, 44));
        }
        throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot be a DKIM key; use RSA or Ed25519");
    }

    static boolean isEd25519(java.security.Key key) {
        String a = key.getAlgorithm();
        return a.equals("Ed25519") || a.equals("EdDSA");
    }

    /** @return the record's text, as {@link #format} writes it; {@code p=} empty when revoked */
    @Override
    public String toString() {
        return publicKey == null ? "v=DKIM1; k=" + algorithm.keyType() + "; p=" : format(publicKey);
    }
}
