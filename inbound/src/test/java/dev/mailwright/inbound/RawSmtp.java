package dev.mailwright.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that sends exactly the bytes it is given, as a hostile sender would, and reads the
 * replies one at a time. Every read has a timeout, so a test can never hang on it.
 */
final class RawSmtp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSmtp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects from 127.0.0.1. */
    static RawSmtp connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /** Connects from the given loopback address (127.0.0.0/8 is all loopback on Linux). */
    static RawSmtp connect(int port, String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return new RawSmtp(s);
    }

    /** @param millis the timeout of each later read */
    RawSmtp readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    /** Sends the text as ISO-8859-1 bytes, exactly as given. */
    RawSmtp send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends a line with CRLF. */
    RawSmtp line(String command) throws IOException {
        return send(command + "\r\n");
    }

    /** @return the next reply (all its lines, joined with newlines), or null when the server closed the connection */
    String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = readLine();
            if (l == null) {
                return lines.isEmpty() ? null : String.join("\n", lines);
            }
            lines.add(l);
            if (l.length() < 4 || l.charAt(3) != '-') {
                return String.join("\n", lines);
            }
        }
    }

    /** Sends a line and returns the reply to it. */
    String command(String line) throws IOException {
        line(line);
        return reply();
    }

    /** @return the replies until the connection closes (at most {@code max}) */
    List<String> repliesUntilClosed(int max) throws IOException {
        List<String> out = new ArrayList<>();
        String r;
        while (out.size() < max && (r = reply()) != null) {
            out.add(r);
        }
        return out;
    }

    /** @return true when the server closed the connection (a read sees the end of the stream) */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
