package dev.mailwright.core.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DKIM signing key: its selector, its algorithm, the private key that signs and the public key
 * published at {@code <selector>._domainkey.<domain>}. RSA keys have at least 2048 bits (the
 * verifiers of large providers ignore shorter ones, RFC 8301 forbids less than 1024).
 *
 * <p>{@link #toString()} shows the selector, the algorithm and the key size, never the key.
 *
 * @param selector the selector, such as {@code mw2025} (letters, digits, hyphens, underscores, dots)
 * @param algorithm the algorithm the key signs with
 * @param privateKey the private key (a secret)
 * @param publicKey its public key
 */
public record DkimSigningKey(String selector, DkimAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
    /** The shortest RSA key Mailwright signs with. */
    public static final int MIN_RSA_BITS = 2048;
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
            + "(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*");

    /** Validates: a selector DNS accepts, keys of the algorithm's type that belong together. */
    public DkimSigningKey {
        requireSelector(selector);
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            if (!(privateKey instanceof RSAPrivateKey priv) || !(publicKey instanceof RSAPublicKey pub)) {
                throw new IllegalArgumentException("selector " + selector + ": rsa-sha256 needs an RSA key pair, not "
                        + privateKey.getAlgorithm() + "/" + publicKey.getAlgorithm());
            }
            int bits = pub.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException("selector " + selector + ": the RSA key has " + bits + " bits; DKIM"
                        + " keys need at least " + MIN_RSA_BITS + " (generate one with openssl genpkey -algorithm RSA"
                        + " -pkeyopt rsa_keygen_bits:2048)");
            }
            if (!priv.getModulus().equals(pub.getModulus())) {
                throw new IllegalArgumentException("selector " + selector + ": the public key does not belong to the private key");
            }
        } else {
            if (!DkimKeyRecord.isEd25519(privateKey) || !DkimKeyRecord.isEd25519(publicKey)) {
                throw new IllegalArgumentException("selector " + selector + ": ed25519-sha256 needs an Ed25519 key pair, not "
                        + privateKey.getAlgorithm() + "/" + publicKey.getAlgorithm());
            }
            requireEd25519Pair(selector, privateKey, publicKey);
        }
    }

    /**
     * @param selector the selector
     * @param pair an RSA (2048 bits or more) or Ed25519 key pair
     * @return the signing key, its algorithm taken from the key type
     */
    public static DkimSigningKey of(String selector, KeyPair pair) {
        Objects.requireNonNull(pair, "pair");
        DkimAlgorithm a = DkimKeyRecord.isEd25519(pair.getPrivate()) ? DkimAlgorithm.ED25519_SHA256 : DkimAlgorithm.RSA_SHA256;
        return new DkimSigningKey(selector, a, pair.getPrivate(), pair.getPublic());
    }

    /**
     * @param selector a candidate selector
     * @return the selector
     * @throws IllegalArgumentException naming the value and what a selector may hold
     */
    public static String requireSelector(String selector) {
        Objects.requireNonNull(selector, "selector");
        if (selector.length() > 200 || !SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("DKIM selector '" + Text.printable(selector) + "' is not valid: use"
                    + " letters, digits, hyphens and underscores in dot-separated labels, such as mw2025 or rsa-2025");
        }
        return selector;
    }

    /** @return true when the selector is one DNS accepts under {@code _domainkey} */
    public static boolean isValidSelector(String selector) {
        return selector != null && selector.length() <= 200 && SELECTOR.matcher(selector).matches();
    }

    private static void requireEd25519Pair(String selector, PrivateKey priv, PublicKey pub) {
        byte[] probe = ("mailwright dkim key check " + selector).getBytes(StandardCharsets.US_ASCII);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(probe);
            if (!s.verify(sig)) {
                throw new IllegalArgumentException("selector " + selector + ": the public key does not belong to the private key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("selector " + selector + ": the Ed25519 key cannot sign ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * @param domain the signing domain ({@code d=})
     * @return {@code <selector>._domainkey.<domain>}, where the public key is published
     */
    public String dnsName(String domain) {
        return selector + "._domainkey." + domain;
    }

    /** @return the TXT value to publish: {@code v=DKIM1; k=rsa; p=...} */
    public String dnsRecord() {
        return DkimKeyRecord.format(publicKey);
    }

    /** @return the key size in bits: the RSA modulus length, or 256 for Ed25519 */
    public int bits() {
        return publicKey instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 256;
    }

    /** @return the selector, algorithm and size; never the key */
    @Override
    public String toString() {
        return "DkimSigningKey[selector=" + selector + ", " + algorithm.tag() + ", " + bits() + " bits]";
    }
}
