package dev.mailwright.core.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The signature operation of each algorithm, on the JDK's providers: {@code SHA256withRSA} over
 * the header data for rsa-sha256; Ed25519 over the SHA-256 hash of the header data for
 * ed25519-sha256 (RFC 8463 section 3).
 */
final class SignatureCrypto {
    private SignatureCrypto() {
    }

    static byte[] sign(DkimAlgorithm algorithm, PrivateKey key, byte[] data, int len) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
        s.initSign(key);
        input(algorithm, s, data, len);
        return s.sign();
    }

    static boolean verify(DkimAlgorithm algorithm, PublicKey key, byte[] data, int len, byte[] signature)
            throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
        s.initVerify(key);
        input(algorithm, s, data, len);
        return s.verify(signature);
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
