package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.suppression.SuppressionEntry;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.core.testing.PrivatePostfix;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.Envelope;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.bounce.BounceClassification;
import dev.mailwright.inbound.bounce.BounceEvent;
import dev.mailwright.inbound.bounce.BounceFormat;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.SmtpTransport;
import dev.mailwright.smtp.ThreadRef;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Real bounces end to end: Mailwright sends notifications through a private Postfix, which relays
 * them to an {@code smtp-sink -B "550 5.1.1 User unknown"}; Postfix writes the DSN to the
 * notification's bounce address (VERP) and delivers it to the test's SMTP server (SubEthaSMTP), as
 * the host's MX for {@code noreply.<hostname>} would. Each DSN goes through the inbound pipeline
 * ({@code InboundPipeline.accept}, its bounce stage): recognised, classified, counted;
 * the second one suppresses the recipient and the third notification is not sent.
 */
class BouncePostfixTest {
    private static final KeyRing KEYS = KeyRing.of("an-example-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private record Captured(String mailFrom, String rcptTo, byte[] data) {
    }

    private static Notification notification(int event) {
        return Notification.builder().thread(ThreadRef.issue("octo", "hello-world", 42, 1001)).eventId("c" + event)
                .reason(Reason.ASSIGN).actor(new Actor("monalisa", "Mona Lisa"))
                .recipient(new Recipient("octocat@rcpt.example", 5, "octocat")).title("Crash on empty settings")
                .textBody("Comment " + event).threadUrl(URI.create("https://ghe.example.com/octo/hello-world/issues/42")).build();
    }

    private static Captured await(List<Captured> captured, int n, PrivatePostfix postfix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (captured.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(captured).as("the DSN Postfix should have sent; its log:\n%s", postfix.log()).hasSize(n);
        return captured.get(n - 1);
    }

    @Test
    void postfixDsns_toTheBounceAddress_areRecognisedAsHardBounces_andSuppressTheRecipient() throws Exception {
        List<Captured> captured = new CopyOnWriteArrayList<>();
        SMTPServer mx = SMTPServer.port(Peers.freePort()).bindAddress(InetAddress.getLoopbackAddress())
                .hostName("mx.ghe.example.com")
                .messageHandler((ctx, from, to, data) -> captured.add(new Captured(from, to, data))).build();
        mx.start();
        int sinkPort = Peers.freePort();
        List<String> sink = new java.util.ArrayList<>(List.of(Peers.require("smtp-sink", "postfix").toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            sink.addAll(List.of("-u", "nobody"));
        }
        sink.addAll(List.of("-f", "RCPT", "-B", "550 5.1.1 User unknown", "127.0.0.1:" + sinkPort, "100"));
        try (Peers.PeerProcess smtpSink = Peers.start(sinkPort, sink);
                PrivatePostfix postfix = PrivatePostfix.start(sinkPort, "noreply.ghe.example.com", mx.getPortAllocated());
                SuppressionList list = SuppressionList.builder().store(SuppressionStores.file(dir.resolve("s.tsv"))).build()) {
            EmailSettings settings = EmailSettings.builder().smtpHost("127.0.0.1").port(postfix.port())
                    .security(ConnectionSecurity.NONE).noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com")
                    .heloDomain("ghe.example.com").build();
            List<BounceEvent> events = new CopyOnWriteArrayList<>();
            try (NotificationMailer mailer = NotificationMailer.builder().settings(settings).keyRing(KEYS)
                    .transport(SmtpTransport.builder().settings(settings).build()).suppressionList(list).build();
                    InboundPipeline pipeline = InboundPipeline.builder().settings(settings).keyRing(KEYS)
                            .ledgerDirectory(dir.resolve("state")).handler(r -> {
                                throw new AssertionError("a bounce is never a reply: " + r);
                            }).bounceHandler(events::add).suppressionList(list).build()) {
                assertThat(pipeline.stages()).startsWith("parse", "bounce", "automated-guard");
                assertThat(mailer.send(notification(1)).isSent()).as("Postfix queues it").isTrue();
                Captured dsn = await(captured, 1, postfix);
                assertThat(dsn.mailFrom()).isEmpty();
                assertThat(dsn.rcptTo()).startsWith("bounce+i-1001-5-").endsWith("-octocat=rcpt.example@noreply.ghe.example.com");
                assertThat(new String(dsn.data(), StandardCharsets.ISO_8859_1))
                        .contains("report-type=delivery-status").contains("550 5.1.1 User unknown");

                // the DSN goes through the whole pipeline, as a mail receiver posting it would hand it over
                Disposition first = pipeline.accept(new ByteArrayInputStream(dsn.data()),
                        new Envelope(Envelope.NULL_SENDER, List.of(dsn.rcptTo()), "127.0.0.1"));
                assertThat(first).isEqualTo(new Disposition.Delivered(new ReplyTarget(ThreadType.ISSUE, 1001, 5),
                        events.get(0).eventId()));
                BounceEvent event = events.get(0);
                assertThat(event.format()).isEqualTo(BounceFormat.DSN);
                assertThat(event.recipient()).isEqualTo("octocat@rcpt.example");
                assertThat(event.notification()).isEqualTo(new ReplyTarget(ThreadType.ISSUE, 1001, 5));
                assertThat(event.classification()).isInstanceOf(BounceClassification.Hard.class);
                assertThat(((BounceClassification.Hard) event.classification()).status()).isEqualTo("5.1.1");
                assertThat(event.reportingMta()).isEqualTo("mta.test");
                assertThat(event.recipientNamed()).isTrue();
                assertThat(list.status("octocat@rcpt.example").orElseThrow().isSuppressed()).isFalse();

                assertThat(mailer.send(notification(2)).isSent()).isTrue();
                Captured second = await(captured, 2, postfix);
                assertThat(pipeline.accept(new ByteArrayInputStream(second.data()), Envelope.of(Envelope.NULL_SENDER, second.rcptTo())))
                        .isInstanceOf(Disposition.Delivered.class);
                SuppressionEntry entry = list.status("octocat@rcpt.example").orElseThrow();
                assertThat(entry.isSuppressed()).isTrue();
                assertThat(entry.hardBounces()).isEqualTo(2);
                assertThat(events).hasSize(2);

                // the same DSN sent to a forged bounce address suppresses nobody
                String forgedTo = second.rcptTo().replace("-octocat=", "-hubot=");
                Disposition forged = pipeline.accept(new ByteArrayInputStream(new String(second.data(),
                        StandardCharsets.ISO_8859_1).replace(second.rcptTo(), forgedTo).getBytes(StandardCharsets.ISO_8859_1)),
                        Envelope.of(Envelope.NULL_SENDER, forgedTo));
                assertThat(forged).isInstanceOf(Disposition.Rejected.class);
                assertThat(((Disposition.Rejected) forged).code()).isEqualTo("bounce.forged");
                assertThat(list.status("hubot@rcpt.example")).isEmpty();
                assertThat(events).hasSize(2);

                SendResult third = mailer.send(notification(3));
                assertThat(third).isInstanceOf(SendResult.Suppressed.class);
                Thread.sleep(500);
                assertThat(captured).hasSize(2);
            }
        } finally {
            mx.stop();
        }
    }
}
