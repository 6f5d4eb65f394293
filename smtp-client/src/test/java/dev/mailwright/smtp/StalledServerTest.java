package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.smtp.FailureCategory;
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
    private final CountDownLatch inData = new CountDownLatch(1);
    private volatile String ehlo;

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
            if (cmd.equals("EHLO")) {
                ehlo = line;
            }
            String reply = switch (cmd) {
                case "EHLO" -> "250-stalled\r\n250 8BITMIME\r\n";
                case "DATA" -> "354 go ahead\r\n";
                default -> "250 2.0.0 ok\r\n";
            };
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (cmd.equals("DATA")) {
                inData.countDown();
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

    private static EmailSettings settings(int port) {
        return Fixtures.settings("127.0.0.1", port, ConnectionSecurity.NONE).toBuilder()
                .readTimeout(Duration.ofMillis(700)).writeTimeout(Duration.ofMillis(700)).build();
    }

    private static NotificationMailer mailer(int port) {
        return Fixtures.mailer(SmtpTransport.builder().settings(settings(port)).build()).retry(RetryPolicy.NONE).build();
    }

    @Test
    void serverThatStopsAnswering_endsWithTimeout() throws IOException {
        int port = start(true);
        try (NotificationMailer mailer = mailer(port)) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.TIMEOUT);
        }
        assertThat(ehlo).as("the HELO/EHLO name comes from the settings").isEqualTo("EHLO ghe.example.com");
    }

    @Test
    void sendDeadline_abortsASendInProgress() throws IOException {
        int port = start(true);
        EmailSettings slow = settings(port).toBuilder().readTimeout(Duration.ofSeconds(50)).build();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(slow).build())
                .deadline(Duration.ofMillis(500)).build()) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().build());
            assertThat(r.category()).isEqualTo(FailureCategory.TIMEOUT);
            assertThat(r.detail()).contains("aborted");
            assertThat(r.attempts()).as("no retry past the deadline").isEqualTo(1);
        }
    }

    @Test
    void busyPool_waitIsBounded_thenPoolExhausted() throws Exception {
        int port = start(true);
        SmtpTransport transport = SmtpTransport.builder().settings(settings(port)).maxConnections(1)
                .connectionWait(Duration.ofMillis(100)).build();
        try (NotificationMailer mailer = Fixtures.mailer(transport).retry(RetryPolicy.NONE).build()) {
            Thread holder = new Thread(() -> mailer.send(Fixtures.issue().build()));
            holder.start();
            assertThat(inData.await(10, TimeUnit.SECONDS)).isTrue();
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issue().eventId("c2").build());
            assertThat(r.category()).isEqualTo(FailureCategory.POOL_EXHAUSTED);
            assertThat(r.detail()).contains("pool of 1");
            holder.join();
        }
    }

    @Test
    void serverThatStopsReading_isAbortedByTheWatchdog() throws IOException {
        int port = start(false);
        String huge = ("0123456789abcdef".repeat(4) + "\n").repeat(400_000); // ~26 MB: more than any socket buffer
        try (NotificationMailer mailer = mailer(port)) {
            SendResult.Failed r = (SendResult.Failed) mailer.send(Fixtures.issueWithoutHtml().textBody(huge).build());
            assertThat(r.category()).isEqualTo(FailureCategory.TIMEOUT);
            assertThat(r.detail()).contains("aborted");
        }
    }
}
