package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;

/**
 * A session's connection after STARTTLS, as the session sees it: the TLS socket, with the
 * plain text the session reads going through a {@link CommandLineInput}. Everything else is the
 * TLS socket's.
 */
final class TlsSocket extends Socket {
    private final SSLSocket tls;
    private final InputStream in;

    /**
     * @param tls the socket after its handshake
     * @param guard the connection's guard
     */
    TlsSocket(SSLSocket tls, SessionGuard guard) throws IOException {
        this.tls = tls;
        this.in = new CommandLineInput(tls.getInputStream(), guard);
    }

    /** @return the TLS socket */
    SSLSocket tls() {
        return tls;
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return tls.getOutputStream();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tls.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tls.getSoTimeout();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tls.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tls.getLocalSocketAddress();
    }

    @Override
    public InetAddress getInetAddress() {
        return tls.getInetAddress();
    }

    @Override
    public int getPort() {
        return tls.getPort();
    }

    @Override
    public boolean isBound() {
        return tls.isBound();
    }

    @Override
    public boolean isConnected() {
        return tls.isConnected();
    }

    @Override
    public boolean isClosed() {
        return tls.isClosed();
    }

    @Override
    public void shutdownInput() throws IOException {
        tls.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        tls.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }

    @Override
    public String toString() {
        return "TLS " + tls;
    }
}
