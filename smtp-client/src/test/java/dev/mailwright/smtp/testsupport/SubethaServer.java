package dev.mailwright.smtp.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server in process (SubEthaSMTP) on 127.0.0.1 with STARTTLS using {@link TestTls}'s
 * certificate and AUTH PLAIN/LOGIN for one user. Close it to stop it.
 */
public final class SubethaServer implements AutoCloseable {
    /** The one accepted user. */
    public static final String USER = "notifications@example.com";

    private final SMTPServer server;
    private final List<byte[]> messages = new CopyOnWriteArrayList<>();

    private SubethaServer(String password, UnaryOperator<SMTPServer.Builder> customize, String... tlsProtocols) {
        SMTPServer.Builder b = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .enableTLS().startTlsSocketFactory(socket -> layer(socket, tlsProtocols))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, pass, ctx) -> {
                    if (!USER.equals(user) || !password.equals(pass)) {
                        throw new LoginFailedException("wrong user name or password");
                    }
                }))
                .messageHandler((ctx, from, to, data) -> messages.add(data));
        server = customize.apply(b).build();
        server.start();
    }

    private static SSLSocket layer(Socket socket, String[] protocols) throws IOException {
        SSLSocket s = (SSLSocket) TestTls.get().serverContext().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        s.setUseClientMode(false);
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        return s;
    }

    /** @return a server with STARTTLS that accepts {@link #USER} with this password */
    public static SubethaServer start(String password) {
        return new SubethaServer(password, b -> b);
    }

    /** @return a server customised further (requireTLS, requireAuth...) */
    public static SubethaServer start(String password, UnaryOperator<SMTPServer.Builder> customize) {
        return new SubethaServer(password, customize);
    }

    /** @return a server whose STARTTLS accepts only these protocols */
    public static SubethaServer startWithTlsProtocols(String password, String... protocols) {
        return new SubethaServer(password, b -> b, protocols);
    }

    /** @return the port */
    public int port() {
        return server.getPortAllocated();
    }

    /** @return the messages received, raw */
    public List<byte[]> messages() {
        return messages;
    }

    @Override
    public void close() {
        server.stop();
    }
}
