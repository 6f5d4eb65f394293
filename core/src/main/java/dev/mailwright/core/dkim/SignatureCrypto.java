package dev.mailwright.core.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The signature operation of each algorithm: {@code SHA256withRSA} over the header data for
 * rsa-sha256; Ed25519 over the SHA-256 hash of the header data for ed25519-sha256 (RFC 8463
 * section 3). Verification always uses the JDK's providers; signing may use a provider instance
 * given to the signer (never registered globally).
 */
final class SignatureCrypto {
    private SignatureCrypto() {
    }

    /**
     * @param provider the provider instance to sign with, or null for the JDK's (looked up by name)
     */
    static byte[] sign(DkimAlgorithm algorithm, PrivateKey key, byte[] data, int len, Provider provider)
            throws GeneralSecurityException {
        String name = signatureName(algorithm);
        Signature s = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
        s.initSign(key);
        input(algorithm, s, data, len);
        return s.sign();
    }

    static boolean verify(DkimAlgorithm algorithm, PublicKey key, byte[] data, int len, byte[] signature)
            throws GeneralSecurityException {
        Signature s = Signature.getInstance(signatureName(algorithm));
        s.initVerify(key);
        input(algorithm, s, data, len);
        return s.verify(signature);
    }

    /**
     * @param key a private key of the algorithm
     * @param provider a provider instance
     * @return the same key as the provider's own key object (translated once, not at every signature)
     */
    static PrivateKey translate(DkimAlgorithm algorithm, PrivateKey key, Provider provider) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519", provider);
        byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
        return encoded != null ? factory.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(encoded))
                : (PrivateKey) factory.translateKey(key);
    }

    private static String signatureName(DkimAlgorithm algorithm) {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519";
    }

    private static void input(DkimAlgorithm algorithm, Signature s, byte[] data, int len) throws GeneralSecurityException {
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            s.update(data, 0, len);
        } else {
            MessageDigest sha256 = sha256();
            sha256.update(data, 0, len);
            s.update(sha256.digest());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
