package dev.mailwright.smtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that delegate to the configured one (the caller's, the trusted certificates',
 * or the JVM default) and remember, per thread, the last socket they created, so that the pool's
 * {@link Watchdog} can close a connection whose send overruns its time. The delegate's socket is
 * returned as is, so an {@code SSLSocket} stays an {@code SSLSocket} and Angus still checks the
 * server identity.
 */
final class SocketRecorder {
    private static final ThreadLocal<Socket> LAST = new ThreadLocal<>();
    private static final ThreadLocal<Socket> LAYERED = new ThreadLocal<>();

    private SocketRecorder() {
    }

    /** @return the last socket created by this thread, and forgets it */
    static Socket take() {
        Socket s = LAST.get();
        LAST.remove();
        return s;
    }

    /** @return the last TLS socket this thread layered over an existing one (STARTTLS), and forgets it */
    static Socket takeLayered() {
        Socket s = LAYERED.get();
        LAYERED.remove();
        return s;
    }

    private static Socket recordLayered(Socket s) {
        LAYERED.set(s);
        return s;
    }

    private static Socket record(Socket s) {
        LAST.set(s);
        return s;
    }

    /** Wraps a plain socket factory. */
    static final class Plain extends SocketFactory {
        private final SocketFactory delegate;

        Plain(SocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket() throws IOException {
            return record(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return record(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return record(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return record(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return record(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    /**
     * Wraps a TLS socket factory: sockets it opens (implicit TLS) are recorded for the watchdog;
     * sockets it layers over an open one (STARTTLS) are recorded apart, for the transport that
     * writes to them.
     */
    static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        Tls(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket() throws IOException {
            return record(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return recordLayered(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return record(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return record(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return record(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return record(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    /**
     * Installs the recording factory in the session properties, wrapping the factory configured
     * there (or the default), and then removes Angus's per-write timer ({@code writetimeout}),
     * which the watchdog replaces. When the configuration names a factory by class
     * ({@code socketFactory.class}) or holds one that cannot be wrapped, nothing changes and
     * Angus's write timeout stays in force.
     *
     * @param props the session properties, changed in place
     * @param protocol {@code smtp} or {@code smtps}
     * @return true when the recorder was installed
     */
    static boolean install(java.util.Properties props, String protocol) {
        String p = "mail." + protocol + ".";
        if (props.containsKey(p + "socketFactory.class") || props.containsKey(p + "ssl.socketFactory.class")) {
            return false;
        }
        if (protocol.equals("smtps")) {
            Object configured = props.containsKey(p + "ssl.socketFactory") ? props.get(p + "ssl.socketFactory")
                    : props.containsKey(p + "socketFactory") ? props.get(p + "socketFactory") : SSLSocketFactory.getDefault();
            if (!(configured instanceof SSLSocketFactory base)) {
                return false;
            }
            props.put(p + "ssl.socketFactory", new Tls(base));
        } else {
            Object configured = props.getOrDefault(p + "socketFactory", SocketFactory.getDefault());
            if (!(configured instanceof SocketFactory base)) {
                return false;
            }
            props.put(p + "socketFactory", new Plain(base));
            installForStartTls(props, p);
        }
        props.remove(p + "writetimeout");
        return true;
    }

    /**
     * Wraps the factory Angus layers STARTTLS with — the one configured, or the JVM default that
     * Angus would use otherwise — so that the TLS socket is known. Left alone when Angus would
     * build its own ({@code ssl.trust}) or the configured one is Angus's {@code MailSSLSocketFactory},
     * which Angus checks by type: then the transaction writes through Angus's stream, as before.
     */
    private static void installForStartTls(java.util.Properties props, String p) {
        if (!Boolean.parseBoolean(String.valueOf(props.getOrDefault(p + "starttls.enable", "false")))
                || props.containsKey(p + "ssl.trust")) {
            return;
        }
        Object configured = props.containsKey(p + "ssl.socketFactory") ? props.get(p + "ssl.socketFactory")
                : SSLSocketFactory.getDefault();
        if (configured instanceof SSLSocketFactory base && !(configured instanceof org.eclipse.angus.mail.util.MailSSLSocketFactory)) {
            props.put(p + "ssl.socketFactory", new Tls(base));
        }
    }
}
