package dev.mailwright.inbound.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.Supplier;

/**
 * A client connection of the listener whose streams go through its {@link SessionGuard}: every
 * read gets the read timeout the guard computes, and every reply sent re-arms the command
 * deadline. TLS started with STARTTLS reads and writes through these same streams. The end of
 * the client's stream is reported as a {@link SocketException}, which every reader of the session
 * treats as the client going away.
 */
final class GuardedSocket extends Socket {
    private final SessionGuard guard;
    private InputStream raw;
    private InputStream commands;
    private OutputStream out;
    private boolean tls;

    private GuardedSocket(SessionGuard guard) {
        this.guard = guard;
    }

    /** @return the connection's guard */
    SessionGuard guard() {
        return guard;
    }

    /**
     * @return before STARTTLS, the session's input (a {@link CommandLineInput} over the guarded
     *     stream); once {@link #startTls()} was called, the guarded stream itself, for the TLS layer
     */
    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (raw == null) {
            raw = new GuardedInput(super.getInputStream());
            commands = new CommandLineInput(raw, guard);
        }
        return tls ? raw : commands;
    }

    /** The TLS handshake starts: from now on the bytes are TLS records, read by the TLS layer unfiltered. */
    synchronized void startTls() {
        tls = true;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new GuardedOutput(super.getOutputStream());
        }
        return out;
    }

    private void setReadTimeout(int millis) throws SocketException {
        super.setSoTimeout(millis);
    }

    private final class GuardedInput extends FilterInputStream {
        GuardedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return Streams.readOne(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                setReadTimeout(guard.beforeRead());
                try {
                    int n = in.read(b, off, len);
                    if (n < 0) {
                        // SubEthaSMTP's command reader turns an end of stream inside a UTF-8 sequence into an
                        // EOFException it logs with a stack trace; a SocketException ends the session quietly
                        throw new SocketException("the client closed the connection");
                    }
                    guard.afterRead(n);
                    return n;
                } catch (SessionGuard.Expired e) {
                    throw e;
                } catch (SocketTimeoutException e) {
                    if (guard.passed()) {
                        throw guard.expired();
                    }
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            return Streams.skipByReading(this, n);
        }
    }

    private final class GuardedOutput extends FilterOutputStream {
        GuardedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            guard.replied();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
            guard.replied();
        }
    }

    /** The listening socket: each connection it accepts is a {@link GuardedSocket} with a new guard. */
    static final class Server extends ServerSocket {
        private final Supplier<SessionGuard> guards;

        /** @param guards makes the guard of each accepted connection */
        Server(Supplier<SessionGuard> guards) throws IOException {
            this.guards = guards;
        }

        @Override
        public Socket accept() throws IOException {
            if (isClosed()) {
                throw new SocketException("Socket is closed");
            }
            GuardedSocket s = new GuardedSocket(guards.get());
            implAccept(s);
            return s;
        }
    }
}
