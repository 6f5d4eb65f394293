package dev.mailwright.smtp;

import dev.mailwright.core.TrustedCertificates;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed server certificates for the TLS tests, made with Bouncy Castle. */
final class TestTls {
    static final char[] PASSWORD = "changeit".toCharArray();

    /** A certificate for localhost and 127.0.0.1; GreenMail's SMTPS server uses it too. */
    static final TestTls LOCALHOST = new TestTls("localhost", "127.0.0.1");
    /** A certificate for another name only: host-name verification must refuse it on 127.0.0.1. */
    static final TestTls OTHER_NAME = new TestTls("mail.other.example", null);

    final X509Certificate certificate;
    final KeyStore keyStore;
    final Path keyStoreFile;

    private TestTls(String dnsName, String ip) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(256);
            KeyPair kp = kpg.generateKeyPair();
            X500Name name = new X500Name("CN=" + dnsName);
            long now = System.currentTimeMillis();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 3_600_000),
                    new Date(now + 86_400_000L), name, kp.getPublic());
            List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, dnsName)));
            if (ip != null) {
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            certificate = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", kp.getPrivate(), PASSWORD, new Certificate[] {certificate});
            keyStoreFile = Files.createTempFile("mailwright-test-", ".p12");
            keyStoreFile.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(keyStoreFile)) {
                keyStore.store(out, PASSWORD);
            }
        } catch (Exception e) {
            throw new AssertionError("cannot make a test certificate", e);
        }
    }

    SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    TrustedCertificates trust() {
        return TrustedCertificates.of(List.of(certificate));
    }

    /** Makes GreenMail's SMTPS server present the localhost certificate (read once per JVM). */
    static void useForGreenMail() {
        System.setProperty("greenmail.tls.keystore.file", LOCALHOST.keyStoreFile.toString());
        System.setProperty("greenmail.tls.keystore.password", new String(PASSWORD));
        System.setProperty("greenmail.tls.key.password", new String(PASSWORD));
    }
}
