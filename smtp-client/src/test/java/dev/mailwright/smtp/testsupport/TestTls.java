package dev.mailwright.smtp.testsupport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for {@code localhost} only (no IP address in it), made with Bouncy
 * Castle once per JVM: the server's key store, and a client trust that trusts exactly it.
 * Connecting to {@code 127.0.0.1} with it is "a certificate for another host name".
 */
public final class TestTls {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final TestTls INSTANCE = create();

    private final X509Certificate certificate;
    private final SSLContext server;
    private final SSLContext client;

    private TestTls(X509Certificate certificate, SSLContext server, SSLContext client) {
        this.certificate = certificate;
        this.server = server;
        this.client = client;
    }

    /** @return the shared instance */
    public static TestTls get() {
        return INSTANCE;
    }

    /** @return the server side: a key store with the localhost certificate */
    public SSLContext serverContext() {
        return server;
    }

    /** @return a client factory that trusts only the test certificate */
    public SSLSocketFactory trustingClientFactory() {
        return client.getSocketFactory();
    }

    /** @return the certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    private static TestTls create() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=Mailwright test");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, kp.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", kp.getPrivate(), PASSWORD, new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            return new TestTls(cert, server, client);
        } catch (Exception e) {
            throw new AssertionError("cannot make the test certificate", e);
        }
    }
}
