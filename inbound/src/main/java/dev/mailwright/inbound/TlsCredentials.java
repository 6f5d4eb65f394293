package dev.mailwright.inbound;

import dev.mailwright.inbound.internal.Certificates;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The certificate and key the listener offers with STARTTLS: from PEM files, or a self-signed
 * certificate generated at start for development. Never prints the key.
 */
public final class TlsCredentials {
    private final SSLContext context;
    private final String description;

    private TlsCredentials(SSLContext context, String description) {
        this.context = context;
        this.description = description;
    }

    /**
     * @param certificateChain a PEM file with the certificate, then any intermediates
     * @param privateKey a PEM file with the private key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted)
     * @return the credentials
     * @throws InboundException naming the file when it cannot be read or holds no usable key or certificate
     */
    public static TlsCredentials fromPem(Path certificateChain, Path privateKey) {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        return new TlsCredentials(Certificates.fromPem(certificateChain, privateKey),
                "PEM " + certificateChain.toAbsolutePath());
    }

    /**
     * @param hostname the name put in the certificate (CN and subjectAltName)
     * @return a freshly generated self-signed certificate (EC P-256, valid one year); for
     *     development and tests only: senders cannot verify it
     */
    public static TlsCredentials selfSigned(String hostname) {
        Objects.requireNonNull(hostname, "hostname");
        return new TlsCredentials(Certificates.selfSigned(hostname), "self-signed for " + hostname);
    }

    /**
     * For hosts that manage their key material themselves (a key store, a secrets manager).
     *
     * @param context a server-side TLS context holding the certificate chain and private key
     * @return the credentials
     */
    public static TlsCredentials of(SSLContext context) {
        Objects.requireNonNull(context, "context");
        return new TlsCredentials(context, "SSLContext " + context.getProtocol());
    }

    /** @return the TLS context built from the credentials */
    public SSLContext sslContext() {
        return context;
    }

    /** @return where the credentials came from; never the key */
    @Override
    public String toString() {
        return "TlsCredentials[" + description + "]";
    }
}
