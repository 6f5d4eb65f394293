package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that stops in the middle of DATA: the send must end (TIMEOUT) instead of hanging, by the
 * read timeout when the server stops answering and by the watchdog when it stops reading.
 */
@Timeout(60)
class StalledServerTest {
    private ServerSocket server;
    private final CountDownLatch release = new CountDownLatch(1);

    /** @param readData whether the server reads the message text (then never answers) or stops reading */
    private int start(boolean readData) throws IOException {
        server = new ServerSocket();
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                converse(s, readData);
            } catch (IOException | InterruptedException e) {
                // the client gave up: expected
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private void converse(Socket s, boolean readData) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        out.write("220 stalled ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            String reply = switch (cmd) {
                case "EHLO" -> "250-stalled\r\n250 8BITMIME\r\n";
                case "DATA" -> "354 go ahead\r\n";
                default -> "250 2.0.0 ok\r\n";
            };
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (cmd.equals("DATA")) {
                break;
            }
        }
        if (readData) {
            while (in.readLine() != null) {
                // swallow the message and never answer
            }
        }
        release.await(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        server.close();
    }

    private static NotificationMailer mailer(int port) {
        EmailSettings s = Fixtures.settings("127.0.0.1", port, ConnectionSecurity.NONE).toBuilder()
                .readTimeout(Duration.ofMillis(700)).writeTimeout(Duration.ofMillis(700)).build();
        return Fixtures.mailer(SmtpTransport.builder().settings(s).build()).retry(RetryPolicy.NONE).build();
    }

    @Test
    void serverThatStopsAnswering_endsWithTimeout() throws IOException {
        int port = start(true);
        try (NotificationMailer mailer = mailer(port)) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.TIMEOUT);
        }
    }

    @Test
    void serverThatStopsReading_isAbortedByTheWatchdog() throws IOException {
        int port = start(false);
        String huge = ("0123456789abcdef".repeat(4) + "\n").repeat(400_000); // ~26 MB: more than any socket buffer
        try (NotificationMailer mailer = mailer(port)) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().textBody(huge).htmlBody(null).build());
            assertThat(r.category()).isEqualTo(FailureCategory.TIMEOUT);
            assertThat(r.detail()).contains("aborted");
        }
    }
}
