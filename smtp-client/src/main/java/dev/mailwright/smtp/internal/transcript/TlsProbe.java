package dev.mailwright.smtp.internal.transcript;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * After a port sent no greeting, tries a TLS handshake on it: a port that answers with a server
 * certificate expects implicit TLS. The certificate is not trusted or used for anything; a
 * handshake that fails on the certificate still proves the port speaks TLS.
 */
public final class TlsProbe {
    private TlsProbe() {
    }

    /**
     * @return a description of the TLS answer (protocol, or the certificate problem), or empty
     *     when the port does not speak TLS
     */
    public static Optional<String> probe(SSLSocketFactory factory, String host, int port, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (SSLSocket s = (SSLSocket) factory.createSocket()) {
            s.connect(new InetSocketAddress(host, port), millis);
            s.setSoTimeout(millis);
            s.startHandshake();
            return Optional.of(s.getSession().getProtocol());
        } catch (SSLHandshakeException e) {
            return hasCertificateCause(e) ? Optional.of("certificate refused: " + e.getMessage()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasCertificateCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}
