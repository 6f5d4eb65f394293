package dev.mailwright.cli;

import dev.mailwright.core.HostNames;
import dev.mailwright.core.MailwrightException;
import dev.mailwright.dns.PortProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/** Helpers of {@link DnsCommand}: the port probe with an optional PEM trust file. */
final class DnsCommandSupport {
    private DnsCommandSupport() {
    }

    static PortProbe probe(Duration timeout, Path trustCa, String hostname) {
        PortProbe.Builder b = PortProbe.builder().timeout(timeout).heloName(HostNames.normalize(hostname));
        if (trustCa != null) {
            b.trustStore(trustStore(trustCa));
        }
        return b.build();
    }

    static KeyStore trustStore(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new MailwrightException("The trust file " + pem + " holds no certificate: give a PEM file with"
                        + " one or more -----BEGIN CERTIFICATE----- blocks.");
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new MailwrightException("Cannot read the CA certificates in " + pem + ": " + e.getMessage()
                    + ". Give a readable PEM file of certificates.", e);
        }
    }
}
