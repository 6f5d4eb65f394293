package dev.mailwright.dns.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny test-only SMTP responder on 127.0.0.1: greets, answers EHLO with STARTTLS, upgrades to
 * TLS with the given context (or speaks TLS from the first byte), answers EHLO and QUIT. Enough for
 * the port probe; it accepts no mail.
 */
public final class StartTlsResponder implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean implicit;
    private final Thread thread;

    /**
     * @param tls the server TLS context (its certificate is what the probe checks)
     * @param implicit true for TLS from the first byte (port 465 style)
     */
    public StartTlsResponder(SSLContext tls, boolean implicit) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        this.tls = tls;
        this.implicit = implicit;
        this.thread = new Thread(this::serve, "starttls-responder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                converse(s);
            } catch (IOException e) {
                // the probe hung up or the server is closing; serve the next connection
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket s = implicit ? upgrade(plain) : plain;
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        write(out, "220 reply.example.test ESMTP test responder");
        boolean secure = implicit;
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.toUpperCase(java.util.Locale.ROOT);
            if (cmd.startsWith("EHLO")) {
                write(out, secure ? "250-reply.example.test\r\n250 8BITMIME" : "250-reply.example.test\r\n250-8BITMIME\r\n250 STARTTLS");
            } else if (cmd.equals("STARTTLS") && !secure) {
                write(out, "220 2.0.0 Ready to start TLS");
                s = upgrade(s);
                in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out = s.getOutputStream();
                secure = true;
            } else if (cmd.equals("QUIT")) {
                write(out, "221 2.0.0 Bye");
                return;
            } else {
                write(out, "502 5.5.2 not implemented");
            }
        }
    }

    private SSLSocket upgrade(Socket s) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        return ssl;
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
