package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/** STARTTLS (required by default) against SubEthaSMTP, a real SMTP server that offers it. */
class StartTlsTest {
    private SMTPServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private int start(TestTls tls) {
        return start(tls, true);
    }

    private int start(TestTls tls, boolean offerAuth) {
        int port = Peers.freePort();
        try {
            SMTPServer.Builder b = SMTPServer.port(port).bindAddress(InetAddress.getByName("127.0.0.1")).hostName("localhost")
                    .enableTLS().requireTLS().startTlsSocketFactory(tls.serverContext());
            if (offerAuth) {
                b.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
                    if (!user.equals("mailer") || !password.equals("s3cret")) {
                        throw new LoginFailedException();
                    }
                }));
            }
            server = b.simpleMessageListener(new SimpleMessageListener() {
                        @Override
                        public boolean accept(String from, String recipient) {
                            return !recipient.startsWith("nobody@");
                        }

                        @Override
                        public void deliver(String from, String recipient, InputStream data) throws IOException {
                            received.add(new String(data.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }).build();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        server.start();
        return port;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static EmailSettings settings(int port) {
        return Fixtures.settings("127.0.0.1", port, ConnectionSecurity.STARTTLS_REQUIRED).toBuilder()
                .auth(AuthMethod.PLAIN).username("mailer").password(Secret.of("s3cret")).build();
    }

    @Test
    void starttlsRequired_withAuthPlain_delivers() {
        int port = start(TestTls.LOCALHOST);
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings(port))
                .trustedCertificates(TestTls.LOCALHOST.trust()).build()).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r.isSent()).as("%s", r).isTrue();
        }
        assertThat(received).singleElement().asString().contains("Message-ID: <octo/hello-world/issues/42@ghe.example.com>");
    }

    @Test
    void recipients_eachGetTheServersReply_andARejectionKeepsTheConnection() {
        int port = start(TestTls.LOCALHOST);
        SmtpTransport transport = SmtpTransport.builder().settings(settings(port)).trustedCertificates(TestTls.LOCALHOST.trust())
                .maxConnections(1).build();
        try (NotificationMailer mailer = Fixtures.mailer(transport).build()) {
            dev.mailwright.smtp.spi.OutgoingMessage m = mailer.compose(Fixtures.issue().build());
            SendResult partial = mailer.deliver(new dev.mailwright.smtp.spi.OutgoingMessage(m.messageId(), m.envelopeFrom(),
                    List.of("octocat@example.com", "nobody@example.com"), m.content(), m.deadline()));
            assertThat(partial).isInstanceOf(SendResult.Sent.class);
            assertThat(partial.recipients()).extracting(RecipientStatus::accepted).containsExactly(true, false);
            assertThat(partial.recipients().get(1).reply().code()).isBetween(550, 559);

            SendResult none = mailer.deliver(new dev.mailwright.smtp.spi.OutgoingMessage(m.messageId(), m.envelopeFrom(),
                    List.of("nobody@example.com"), m.content(), m.deadline()));
            assertThat(((SendResult.Failed) none).category()).isEqualTo(FailureCategory.RECIPIENT_REJECTED);
            assertThat(none.attempts()).isEqualTo(1);
            assertThat(transport.idleConnections()).as("RSET keeps the connection usable").isEqualTo(1);

            assertThat(mailer.send(Fixtures.issue().eventId("c3").build()).isSent()).isTrue();
        }
        assertThat(received).hasSize(2);
    }

    @Test
    void serverWithoutAuth_isAnAuthenticationFailure_notASilentUnauthenticatedSend() {
        int port = start(TestTls.LOCALHOST, false);
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings(port))
                .trustedCertificates(TestTls.LOCALHOST.trust()).build()).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.AUTHENTICATION);
            assertThat(r.detail()).contains("does not offer AUTH");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void certificateForAnotherName_isRefusedByHostNameVerification() {
        int port = start(TestTls.OTHER_NAME);
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings(port))
                .trustedCertificates(TestTls.OTHER_NAME.trust()).build()).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r).isInstanceOf(SendResult.Failed.class);
            assertThat(((SendResult.Failed) r).category()).isEqualTo(FailureCategory.CERTIFICATE);
        }
        assertThat(received).isEmpty();
    }

    /** The contract with the transcript capture: extra session properties win and keep SSLSockets. */
    @Test
    void sessionProperties_installASocketFactoryOnEveryConnection() {
        int port = start(TestTls.LOCALHOST);
        SSLSocketFactory trusting = TestTls.LOCALHOST.trust().socketFactory();
        AtomicInteger layered = new AtomicInteger();
        SSLSocketFactory counting = new DelegatingFactory(trusting, layered);
        SmtpTransport transport = SmtpTransport.builder().settings(settings(port)).maxMessagesPerConnection(1)
                .sessionProperties(Map.of("mail.smtp.ssl.socketFactory", counting)).build();
        try (NotificationMailer mailer = Fixtures.mailer(transport).build()) {
            assertThat(mailer.send(Fixtures.issue().build()).isSent()).isTrue();
            assertThat(mailer.send(Fixtures.issue().eventId("c2").build()).isSent()).isTrue();
        }
        assertThat(layered).hasValue(2);
        assertThat(received).hasSize(2);
    }

    /** Counts the sockets it makes (STARTTLS upgrades, or TLS connections) and returns the delegate's unchanged. */
    static final class DelegatingFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final AtomicInteger layered;

        DelegatingFactory(SSLSocketFactory delegate, AtomicInteger layered) {
            this.delegate = delegate;
            this.layered = layered;
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            layered.incrementAndGet();
            SSLSocket ssl = (SSLSocket) delegate.createSocket(s, host, port, autoClose);
            return ssl;
        }

        @Override
        public Socket createSocket() throws IOException {
            layered.incrementAndGet();
            return delegate.createSocket();
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
            layered.incrementAndGet();
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            layered.incrementAndGet();
            return delegate.createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            layered.incrementAndGet();
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            layered.incrementAndGet();
            return delegate.createSocket(address, port, localAddress, localPort);
        }
    }
}
