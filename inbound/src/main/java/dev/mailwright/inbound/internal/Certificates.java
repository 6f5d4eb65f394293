package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds TLS contexts from PEM files or from a generated self-signed certificate (Bouncy Castle). */
public final class Certificates {

    private Certificates() {
    }

    /**
     * @param chainFile PEM certificates, leaf first
     * @param keyFile PEM private key
     * @return a TLS server context
     */
    public static SSLContext fromPem(Path chainFile, Path keyFile) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(chainFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new InboundException("Cannot read the certificate file " + chainFile + ": " + e.getMessage()
                    + ". Give a PEM file with -----BEGIN CERTIFICATE----- blocks, the server's certificate first.", e);
        }
        if (chain.isEmpty()) {
            throw new InboundException("The certificate file " + chainFile + " holds no PEM certificate;"
                    + " give a file with -----BEGIN CERTIFICATE----- blocks.");
        }
        return context(readKey(keyFile), chain.toArray(new Certificate[0]));
    }

    private static PrivateKey readKey(Path keyFile) {
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new InboundException("The key file " + keyFile + " holds no unencrypted private key"
                    + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")")
                    + "; give a PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY without passphrase.");
        } catch (IOException e) {
            throw new InboundException("Cannot read the key file " + keyFile + ": " + e.getClass().getSimpleName()
                    + ". Check the path and that it is a PEM private key.", e);
        }
    }

    /**
     * @param hostname the CN and DNS subjectAltName
     * @return a TLS server context with a new self-signed EC certificate
     */
    public static SSLContext selfSigned(String hostname) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            X500Name name = new X500Name("CN=" + hostname);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return context(pair.getPrivate(), new Certificate[] {cert});
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new InboundException("Cannot generate a self-signed certificate for " + hostname + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(PrivateKey key, Certificate[] chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, new char[0], chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new InboundException("Cannot build a TLS context from the key and certificate: " + e.getMessage()
                    + ". Check that the key matches the certificate.", e);
        }
    }
}
