package dev.mailwright.cli;

import dev.mailwright.core.TrustedCertificates;
import java.nio.file.Path;
import javax.net.ssl.SSLSocketFactory;
import picocli.CommandLine.Option;

/**
 * The trust options of every command that talks to the SMTP server ({@code notify},
 * {@code test-email}, {@code diagnostics --test-email}), so that the test email trusts what
 * sending will trust.
 */
final class TrustOptions {
    @Option(names = "--trust-pem", paramLabel = "FILE",
            description = "Trust the certificates in this PEM file for the SMTP server (a private CA), instead of the JVM's.")
    Path trustPem;

    /** @return the trusted certificates of --trust-pem */
    TrustedCertificates certificates() {
        return TrustedCertificates.fromPem(trustPem);
    }

    /** @return the socket factory of --trust-pem, or the JVM's default when it was not given */
    SSLSocketFactory socketFactory() {
        return trustPem == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : certificates().socketFactory();
    }
}
