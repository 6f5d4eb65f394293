package dev.mailwright.smtp.internal.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A plain TCP socket that records the connection, the lines in both directions until TLS is
 * layered over it (STARTTLS), and the close.
 */
final class CapturingSocket extends Socket {
    private final CaptureRegistry registry;
    private CapturedConnection conn;
    private InputStream in;
    private OutputStream out;

    CapturingSocket(CaptureRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        conn = registry.newConnection();
        try {
            super.connect(endpoint, timeout);
        } catch (IOException e) {
            String target = endpoint instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : String.valueOf(endpoint);
            conn.connectFailed(target, e);
            throw e;
        }
        InetSocketAddress a = (InetSocketAddress) endpoint;
        conn.connected(a.getHostString(), a.getPort(), getInetAddress().getHostAddress(), CaptureRegistry.key(this));
    }

    CapturedConnection connection() {
        return conn;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = conn == null ? super.getInputStream()
                    : new CaptureStreams.In(super.getInputStream(), conn, conn::plainCaptureActive, () -> { });
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = conn == null ? super.getOutputStream()
                    : new CaptureStreams.Out(super.getOutputStream(), conn, conn::plainCaptureActive, () -> { });
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        if (conn != null && conn.plainCaptureActive()) {
            conn.closed(false);
        }
        super.close();
    }
}
