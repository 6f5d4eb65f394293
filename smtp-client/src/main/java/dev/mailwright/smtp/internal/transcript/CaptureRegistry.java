package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.smtp.TranscriptOptions;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * The state behind one {@link dev.mailwright.smtp.transcript.TranscriptCapture}: its options, its
 * clock, and every connection recorded so far, in the order they were opened. Thread-safe.
 */
public final class CaptureRegistry {
    private final Clock clock;
    private final TranscriptOptions options;
    private final List<CapturedConnection> connections = new ArrayList<>();
    private final CaptureSocketFactory plain;
    private final CaptureSslSocketFactory tls;

    /**
     * @param clock the time of each event
     * @param options what to keep
     * @param sslSocketFactory the factory that makes the real TLS sockets (its trust decides)
     */
    public CaptureRegistry(Clock clock, TranscriptOptions options, SSLSocketFactory sslSocketFactory) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.plain = new CaptureSocketFactory(this);
        this.tls = new CaptureSslSocketFactory(this, Objects.requireNonNull(sslSocketFactory, "sslSocketFactory"));
    }

    /** @return the factory for plain sockets (for {@code mail.smtp.socketFactory}) */
    public javax.net.SocketFactory plainFactory() {
        return plain;
    }

    /** @return the factory for TLS sockets (for {@code mail.smtp.ssl.socketFactory}) */
    public SSLSocketFactory tlsFactory() {
        return tls;
    }

    /** @return the connections recorded so far, in order */
    public synchronized List<CapturedConnection> connections() {
        return List.copyOf(connections);
    }

    synchronized CapturedConnection newConnection() {
        CapturedConnection c = new CapturedConnection(clock, options);
        connections.add(c);
        return c;
    }

    /**
     * Finds the recorded connection a socket belongs to (TLS is layered over a socket that Angus
     * may have wrapped, so identity does not work: the local and remote ports do), or starts one.
     */
    synchronized CapturedConnection connectionFor(Socket socket, String host, int port) {
        String key = key(socket);
        for (int i = connections.size() - 1; i >= 0; i--) {
            if (connections.get(i).remoteKey().equals(key)) {
                return connections.get(i);
            }
        }
        CapturedConnection c = newConnection();
        String address = socket.getInetAddress() == null ? "" : socket.getInetAddress().getHostAddress();
        c.connected(host, port, address, key);
        return c;
    }

    static String key(Socket s) {
        return s.getLocalPort() + ">" + s.getInetAddress() + ":" + s.getPort();
    }
}
