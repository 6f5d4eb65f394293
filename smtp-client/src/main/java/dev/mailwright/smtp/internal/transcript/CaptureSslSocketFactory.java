package dev.mailwright.smtp.internal.transcript;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Layers TLS with the real factory and returns a {@link CaptureSslSocket}; installed as
 * {@code mail.smtp.ssl.socketFactory} (STARTTLS) and {@code mail.smtps.ssl.socketFactory}
 * (implicit TLS). The plain socket below stops recording, so ciphertext is never captured.
 */
final class CaptureSslSocketFactory extends SSLSocketFactory {
    private final CaptureRegistry registry;
    private final SSLSocketFactory delegate;

    CaptureSslSocketFactory(CaptureRegistry registry, SSLSocketFactory delegate) {
        this.registry = registry;
        this.delegate = delegate;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        CapturedConnection conn = registry.connectionFor(s, host, port);
        conn.tlsLayered();
        SSLSocket real = (SSLSocket) delegate.createSocket(s, host, port, autoClose);
        return new CaptureSslSocket(real, conn);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        SSLSocket real = (SSLSocket) delegate.createSocket(host, port);
        return new CaptureSslSocket(real, registry.connectionFor(real, host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        SSLSocket real = (SSLSocket) delegate.createSocket(host, port, localHost, localPort);
        return new CaptureSslSocket(real, registry.connectionFor(real, host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        SSLSocket real = (SSLSocket) delegate.createSocket(host, port);
        return new CaptureSslSocket(real, registry.connectionFor(real, host.getHostAddress(), port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        SSLSocket real = (SSLSocket) delegate.createSocket(address, port, localAddress, localPort);
        return new CaptureSslSocket(real, registry.connectionFor(real, address.getHostAddress(), port));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
