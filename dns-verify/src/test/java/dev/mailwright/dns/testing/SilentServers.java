package dev.mailwright.dns.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Servers that never answer: a DNS resolver that reads and ignores, a TCP port that accepts and stays silent. */
public final class SilentServers {
    private SilentServers() {
    }

    /** A UDP socket on 127.0.0.1 that reads every datagram and never replies. */
    public static final class DeadResolver implements AutoCloseable {
        private final DatagramSocket socket;

        /** Binds and starts reading. */
        public DeadResolver() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                while (!socket.isClosed()) {
                    try {
                        socket.receive(new DatagramPacket(buf, buf.length));
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "dead-resolver");
            t.setDaemon(true);
            t.start();
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

    /**
     * @return a TCP server socket on 127.0.0.1 that is never accepted from: connections complete in
     *     the kernel's backlog and then hear nothing
     */
    public static ServerSocket silentPort() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }
}
