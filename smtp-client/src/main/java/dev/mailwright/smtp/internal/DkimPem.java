package dev.mailwright.smtp.internal;

import dev.mailwright.core.dkim.DkimAlgorithm;
import dev.mailwright.core.dkim.DkimSigningKey;
import dev.mailwright.smtp.SmtpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a DKIM private key from a PEM file with Bouncy Castle's parser (PKCS#8
 * {@code PRIVATE KEY}, as {@code openssl genpkey} and {@code opendkim-genkey} write it, or PKCS#1
 * {@code RSA PRIVATE KEY}) and hands the JDK's own key objects to the signer: an RSA key's public
 * half comes from its modulus and exponent, an Ed25519 key's from Bouncy Castle's point
 * multiplication (the JDK has no API for it). Every failure names the file and what to do; the
 * key's bytes never appear in a message.
 */
public final class DkimPem {
    private static final int MAX_FILE = 1 << 20;
    private static final int MAX_OBJECTS = 8;

    private DkimPem() {
    }

    /** Bouncy Castle's provider, made once: used as an instance by the signer, never registered globally. */
    private static final class Holder {
        static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }

    /**
     * @return the provider the DKIM signer signs Ed25519 with: Bouncy Castle's, many times faster
     *     than the JDK 17's (docs/performance.md)
     */
    public static java.security.Provider signingProvider() {
        return Holder.BC;
    }

    /**
     * @param selector the selector the key is published under
     * @param file the PEM file
     * @return the signing key
     * @throws SmtpException naming the file and the fix
     */
    public static DkimSigningKey read(String selector, Path file) {
        String what = "the DKIM key file " + file + " (selector " + selector + ")";
        PrivateKeyInfo info = privateKeyInfo(what, text(what, file));
        try {
            ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
                PublicKey pub = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
                return new DkimSigningKey(selector, DkimAlgorithm.RSA_SHA256, key, pub);
            }
            if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
                return ed25519(selector, info);
            }
            throw new SmtpException("Cannot use " + what + ": it holds a key of type " + oid.getId() + "; DKIM signs with"
                    + " RSA (2048 bits or more) or Ed25519: generate one with openssl genpkey -algorithm ed25519 -out " + file);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new SmtpException("Cannot use " + what + ": the key inside does not parse (" + e.getClass().getSimpleName()
                    + "); write it again with openssl pkey -in " + file + " -out " + file + ".new", e);
        } catch (IllegalArgumentException e) {
            throw new SmtpException("Cannot use " + what + ": " + e.getMessage(), e);
        }
    }

    private static DkimSigningKey ed25519(String selector, PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        Ed25519PrivateKeyParameters params = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(info);
        byte[] raw = params.generatePublicKey().getEncoded();
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw).getEncoded();
        KeyFactory ed = KeyFactory.getInstance("Ed25519");
        PrivateKey priv = ed.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        return new DkimSigningKey(selector, DkimAlgorithm.ED25519_SHA256, priv, ed.generatePublic(new X509EncodedKeySpec(spki)));
    }

    private static String text(String what, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_FILE + 1);
            if (b.length > MAX_FILE) {
                throw new SmtpException("Cannot use " + what + ": it is larger than 1 MB, too large for a PEM key;"
                        + " check the path");
            }
            return new String(b, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SmtpException("Cannot read " + what + " (" + e.getClass().getSimpleName() + "); check the path and"
                    + " that the user running Mailwright may read it (keep it owner-only: chmod 600)", e);
        }
    }

    private static PrivateKeyInfo privateKeyInfo(String what, String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (int i = 0; i < MAX_OBJECTS; i++) {
                Object o = parser.readObject();
                if (o == null) {
                    break;
                }
                if (o instanceof PrivateKeyInfo info) {
                    return info;
                }
                if (o instanceof PEMKeyPair pair) {
                    return pair.getPrivateKeyInfo();
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new SmtpException("Cannot use " + what + ": it is protected by a passphrase; write an"
                            + " unencrypted copy with openssl pkey and keep it owner-only (chmod 600)");
                }
                if (o instanceof SubjectPublicKeyInfo || o instanceof X509CertificateHolder) {
                    throw new SmtpException("Cannot use " + what + ": it holds a public key or certificate; give the"
                            + " private key here and publish the public key in DNS");
                }
            }
        } catch (IOException e) {
            throw new SmtpException("Cannot use " + what + ": it is not a valid PEM file (" + e.getClass().getSimpleName()
                    + "); give a file that starts with -----BEGIN PRIVATE KEY-----", e);
        }
        throw new SmtpException("Cannot use " + what + ": it holds no PEM private key; give a file that starts with"
                + " -----BEGIN PRIVATE KEY-----");
    }
}
