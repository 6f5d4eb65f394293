package dev.mailwright.smtp.testmail;

import static dev.mailwright.core.ConnectionSecurity.NONE;
import static dev.mailwright.core.ConnectionSecurity.STARTTLS_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.smtp.testsupport.SubethaServer;
import dev.mailwright.smtp.testsupport.TestSettings;
import dev.mailwright.smtp.testsupport.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures below SMTP: refused, silent, unreachable and unknown servers, a broken STARTTLS. */
class NetworkFailuresTest {
    private static final String TO = "admin@example.com";
    private final EmailSettingsTester tester = EmailSettingsTester.builder().build();

    @Test
    void closedPort_isConnectionRefused() {
        int port = Peers.freePort();
        TestEmailResult r = tester.send(TestSettings.plain("127.0.0.1", port, NONE).build(), TO);

        assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.CONNECTION_REFUSED);
        assertThat(r.transcript().toText()).contains("Error (connect): java.net.ConnectException: to 127.0.0.1:" + port);
    }

    @Test
    void socketThatAcceptsAndNeverAnswers_isBannerTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            EmailSettings s = TestSettings.plain("127.0.0.1", silent.getLocalPort(), NONE).readTimeout(Duration.ofMillis(500)).build();
            TestEmailResult r = tester.send(s, TO);

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.BANNER_TIMEOUT);
            assertThat(r.transcript().toText()).contains("Connection opened: 127.0.0.1:" + silent.getLocalPort(),
                    "Error (read): java.net.SocketTimeoutException");
        }
    }

    @Test
    void fullListenQueue_isConnectTimeout() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                        fillers.add(s);
                    } catch (IOException queueFull) {
                        s.close();
                        break;
                    }
                }
                EmailSettings s = TestSettings.plain("127.0.0.1", full.getLocalPort(), NONE)
                        .connectTimeout(Duration.ofMillis(500)).build();
                TestEmailResult r = tester.send(s, TO);

                assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.CONNECT_TIMEOUT);
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void unknownHostName_isUnknownHost() {
        TestEmailResult r = tester.send(TestSettings.plain("smtp.mailwright.invalid", 25, NONE).build(), TO);

        assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.UNKNOWN_HOST);
        assertThat(r.transcript().toText()).contains("java.net.UnknownHostException");
    }

    @Test
    void serverThatCannotStartTls_isStartTlsFailed() {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD, b -> b.startTlsSocketFactory(socket -> {
            throw new IOException("no certificate configured");
        }))) {
            TestEmailResult r = EmailSettingsTester.builder().sslSocketFactory(TestTls.get().trustingClientFactory()).build()
                    .send(TestSettings.plain("localhost", server.port(), STARTTLS_REQUIRED).build(), TO);

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.STARTTLS_FAILED);
        }
    }
}
