package dev.mailwright.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates (or CAs) to trust for a mail server instead of the JVM's default trust store, such
 * as an internal CA: the SMTP server mail is sent through, and the IMAP or POP3 server replies are
 * read from, under the same rules. Host-name verification stays on. There is deliberately no
 * "trust every certificate" option.
 */
public final class TrustedCertificates {
    private final List<X509Certificate> certificates;
    private final SSLSocketFactory socketFactory;

    private TrustedCertificates(List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate given to trust; give at least one (PEM or key store)");
        }
        this.certificates = List.copyOf(certificates);
        this.socketFactory = buildFactory(this.certificates);
    }

    /**
     * @param certificates the certificates to trust
     * @return the trust
     */
    public static TrustedCertificates of(Collection<X509Certificate> certificates) {
        return new TrustedCertificates(new ArrayList<>(Objects.requireNonNull(certificates, "certificates")));
    }

    /**
     * @param pemFile a file with one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @return the trust
     * @throws MailwrightException naming the file when it cannot be read or holds no certificate
     */
    public static TrustedCertificates fromPem(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        try (InputStream in = Files.newInputStream(pemFile)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new MailwrightException("The file " + pemFile + " holds no PEM certificate; give a file with -----BEGIN CERTIFICATE----- blocks");
            }
            return new TrustedCertificates(certs);
        } catch (IOException | GeneralSecurityException e) {
            throw new MailwrightException("Cannot read trusted certificates from " + pemFile + ": " + e.getMessage()
                    + ". Give a PEM file with -----BEGIN CERTIFICATE----- blocks.", e);
        }
    }

    /**
     * @param keyStore a PKCS12 or JKS file
     * @param type {@code PKCS12} or {@code JKS}
     * @param password the store's password, or null when it has none
     * @return the trust, with every certificate of the store
     * @throws MailwrightException naming the file when it cannot be read or holds no certificate
     */
    public static TrustedCertificates fromKeyStore(Path keyStore, String type, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(type, "type");
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            List<X509Certificate> certs = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate x) {
                    certs.add(x);
                }
            }
            if (certs.isEmpty()) {
                throw new MailwrightException("The key store " + keyStore + " holds no certificate");
            }
            return new TrustedCertificates(certs);
        } catch (IOException | GeneralSecurityException e) {
            throw new MailwrightException("Cannot read the " + type + " key store " + keyStore + ": " + e.getMessage()
                    + ". Check the path, the type and the password.", e);
        }
    }

    private static SSLSocketFactory buildFactory(List<X509Certificate> certs) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            for (int i = 0; i < certs.size(); i++) {
                ks.setCertificateEntry("trusted-" + i, certs.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new MailwrightException("Cannot build a TLS context trusting the given certificates: " + e.getMessage(), e);
        }
    }

    /** @return the trusted certificates */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** @return a factory of TLS sockets that trust exactly these certificates */
    public SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    @Override
    public String toString() {
        return "TrustedCertificates" + certificates.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    }
}
