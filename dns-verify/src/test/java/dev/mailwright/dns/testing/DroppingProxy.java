package dev.mailwright.dns.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import org.xbill.DNS.Message;

/**
 * A UDP DNS proxy on 127.0.0.1 in front of a real server: it forwards every question except those
 * whose name contains a marker label, which it never answers (a resolver timing out on some names
 * only, as a broken delegation does). Close it to stop it.
 */
public final class DroppingProxy implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress upstream;
    private final String marker;

    /**
     * @param upstream the real server, {@code 127.0.0.1:port}
     * @param marker questions for names containing {@code .<marker>.} (or starting with it) are dropped
     * @throws IOException when the socket cannot be bound
     */
    public DroppingProxy(InetSocketAddress upstream, String marker) throws IOException {
        this.upstream = upstream;
        this.marker = marker.toLowerCase(Locale.ROOT);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread t = new Thread(this::serve, "dropping-dns-proxy");
        t.setDaemon(true);
        t.start();
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                socket.receive(in);
                byte[] query = java.util.Arrays.copyOf(in.getData(), in.getLength());
                String name = new Message(query).getQuestion().getName().toString().toLowerCase(Locale.ROOT);
                if (("." + name).contains("." + marker + ".")) {
                    continue;
                }
                forward(query, in.getSocketAddress());
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void forward(byte[] query, SocketAddress client) throws IOException {
        try (DatagramSocket up = new DatagramSocket()) {
            up.setSoTimeout(2000);
            up.send(new DatagramPacket(query, query.length, upstream));
            byte[] answer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(answer, answer.length);
            up.receive(reply);
            socket.send(new DatagramPacket(answer, reply.getLength(), client));
        }
    }

    /** @return {@code 127.0.0.1:port} */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
