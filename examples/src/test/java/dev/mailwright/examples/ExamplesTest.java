package dev.mailwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.TestZones;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.testmail.TestedSettingsSaver;
import dev.mailwright.smtp.transcript.Diagnosis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example program so that none of them can rot. */
class ExamplesTest {
    static final KeyRing KEYS = KeyRing.of(HexFormat.of().parseHex(KeyRing.generateHexKey()));

    @TempDir
    Path dir;
    GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(Peers.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    EmailSettings settings() {
        return EmailSettings.builder().smtpHost("127.0.0.1").port(smtp.getSmtp().getPort())
                .security(ConnectionSecurity.NONE).noReplyAddress("noreply@ghe.example.com")
                .hostname("ghe.example.com").build().requireValid();
    }

    static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    /** A main method. */
    @FunctionalInterface
    interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void settingsExample() throws Exception {
        String out = run(SettingsExample::main);
        assertThat(out).contains("Draft settings: 4 problem(s)").contains("smtp.port: port 70000 is out of range")
                .contains("Valid: EmailSettings[").contains("password=******").doesNotContain("example-password")
                .contains("valid=true, replies go to reply.ghe.example.com");
    }

    @Test
    void replyAddressExample() throws Exception {
        String out = run(ReplyAddressExample::main);
        assertThat(out).containsPattern("Reply-To: reply\\+i-1-[0-9a-f]{40}-5@reply\\.ghe\\.example\\.com")
                .contains("Reply for ReplyTarget[type=ISSUE, id=1, userId=5]")
                .contains("Seed address: Forged[claimed=ReplyTarget[type=ISSUE, id=1, userId=5]]");
    }

    @Test
    void sendNotificationExample_deliversThroughSmtp() throws Exception {
        SendResult[] result = new SendResult[1];
        String out = run(args -> result[0] = SendNotificationExample.send(settings(), KEYS));
        assertThat(result[0]).isInstanceOf(SendResult.Sent.class);
        assertThat(out).contains("Sent <octo/hello/issues/42/c1001@ghe.example.com>");
        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("In-Reply-To")[0]).isEqualTo("<octo/hello/issues/42@ghe.example.com>");
        String replyTo = received[0].getHeader("Reply-To")[0];
        assertThat(new ReplyAddressCodec(KEYS, "ghe.example.com").decode(replyTo))
                .isEqualTo(new dev.mailwright.core.DecodeResult.Valid(new ReplyTarget(ThreadType.ISSUE, 4242, 5), true));
    }

    @Test
    void outboxExample_queuesOnceDurably_andItsWorkerSendsThroughSmtp() throws Exception {
        dev.mailwright.outbox.OutboxEntry[] sent = new dev.mailwright.outbox.OutboxEntry[1];
        String out = run(args -> sent[0] = OutboxExample.run(settings(), KEYS, dir.resolve("outbox")));
        assertThat(out).contains("Queued entry 1; enqueued again: duplicate=true")
                .contains("Sent <octo/hello/issues/42/c1002@ghe.example.com> after 1 attempt(s)");
        assertThat(sent[0].state()).isEqualTo(dev.mailwright.outbox.EntryState.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(java.nio.file.Files.exists(dir.resolve("outbox/outbox.db"))).isTrue();
    }

    @Test
    void receiveRepliesExample_turnsAMaildirReplyIntoAComment() throws Exception {
        Path maildir = dir.resolve("mail/reply");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        String address = new ReplyAddressCodec(KEYS, "ghe.example.com").encode(new ReplyTarget(ThreadType.ISSUE, 4242, 5));
        String message = String.join("\r\n", "Return-Path: <mona@example.com>", "Delivered-To: " + address,
                "From: Mona <mona@example.com>", "To: " + address, "Subject: Re: [octo/hello] Email replies (#42)",
                "Message-ID: <reply-1@example.com>", "Content-Type: text/plain; charset=UTF-8", "",
                "Confirmed, it works.", "", "On Thu, Nov 26, 2026 at 9:00 PM The Octocat <noreply@ghe.example.com> wrote:",
                "> @mona the fix is merged; can you confirm?", "");
        Path tmp = maildir.resolve("tmp/1795723425.M1P1Q1.ghe-example-com");
        Files.writeString(tmp, message);
        Files.move(tmp, maildir.resolve("new").resolve(tmp.getFileName()));
        // what a mail client sends for the notification's List-Unsubscribe mailto
        Path unsubscribe = maildir.resolve("tmp/1795723426.M2P1Q2.ghe-example-com");
        Files.writeString(unsubscribe, String.join("\r\n", "Return-Path: <mona@example.com>", "Delivered-To: " + address,
                "From: mona@example.com", "To: " + address, "Subject: unsubscribe", "Message-ID: <unsub-1@example.com>", "", ""));
        Files.move(unsubscribe, maildir.resolve("new").resolve(unsubscribe.getFileName()));
        @SuppressWarnings("unchecked")
        List<DeliveredReply>[] comments = new List[1];
        String out = run(args -> comments[0] = ReceiveRepliesExample.receive(settings(), KEYS, maildir, dir.resolve("state")));
        assertThat(comments[0]).singleElement().satisfies(c -> {
            assertThat(c.target()).isEqualTo(new ReplyTarget(ThreadType.ISSUE, 4242, 5));
            assertThat(c.text()).isEqualTo("Confirmed, it works.");
        });
        assertThat(out).contains("Comment on ReplyTarget[type=ISSUE, id=4242, userId=5] by mona@example.com: Confirmed, it works.")
                .contains("Unsubscribe user 5 from ISSUE 4242");
    }

    @Test
    void receiveOverHttpExample_filesAPostedReply_andRefusesAPostWithoutTheToken() throws Exception {
        ReplyAddressCodec codec = new ReplyAddressCodec(KEYS, "ghe.example.com");
        String to = codec.encode(new ReplyTarget(ThreadType.ISSUE, 77, 5));
        String reply = "From: mona@example.com\r\nTo: " + to + "\r\nSubject: Re: x\r\nMessage-ID: <http1@example.com>\r\n"
                + "\r\nPosted over HTTP.\r\n";
        List<DeliveredReply> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try (InboundPipeline pipeline = InboundPipeline.builder().settings(settings()).keyRing(KEYS)
                        .ledgerDirectory(dir.resolve("state")).handler(comments::add).build();
                ReceiveOverHttpExample endpoint = ReceiveOverHttpExample.start(pipeline,
                        new java.net.InetSocketAddress("127.0.0.1", 0), "s3cret")) {
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + endpoint.port() + "/mail?sender=mona%40example.com"
                    + "&recipient=" + java.net.URLEncoder.encode(to, StandardCharsets.UTF_8) + "&client=192.0.2.7");
            java.net.http.HttpResponse<String> denied = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(reply)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);

            java.net.http.HttpResponse<String> ok = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer s3cret")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(reply)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).startsWith("success Delivered[target=ReplyTarget[type=ISSUE, id=77, userId=5]");

            java.net.http.HttpResponse<String> bad = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + endpoint.port() + "/mail?recipient=not-an-address"))
                    .header("Authorization", "Bearer s3cret").POST(java.net.http.HttpRequest.BodyPublishers.ofString(reply))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("not-an-address");
        }
        assertThat(comments).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Posted over HTTP.");
            assertThat(new String(c.original().content(), StandardCharsets.UTF_8)).contains("Received: from [192.0.2.7]");
        });
    }

    @Test
    void testSettingsExample_savesOnlyAfterDelivery() throws Exception {
        Path store = dir.resolve("email.properties");
        TestedSettingsSaver.Outcome[] outcome = new TestedSettingsSaver.Outcome[1];
        String out = run(args -> outcome[0] = TestSettingsExample.testThenSave(settings(), "admin@ghe.example.com", store));
        assertThat(outcome[0].saved()).isTrue();
        assertThat(outcome[0].test()).isInstanceOf(TestEmailResult.Delivered.class);
        assertThat(store).exists();
        assertThat(out).contains("Connection opened: 127.0.0.1:").contains("Settings saved to");

        Path other = dir.resolve("other.properties");
        EmailSettings closedPort = settings().toBuilder().port(Peers.freePort()).build();
        String failed = run(args -> outcome[0] = TestSettingsExample.testThenSave(closedPort, "admin@ghe.example.com", other));
        assertThat(outcome[0].saved()).isFalse();
        assertThat(other).doesNotExist();
        assertThat(failed).contains("[FAILURE]").contains("Settings NOT saved");
    }

    @Test
    void readTranscriptExample_explainsTheSeedsTranscript() throws Exception {
        Path file = dir.resolve("unicorn.log");
        try (var in = ExamplesTest.class.getResourceAsStream("/seed-unicorn.log")) {
            Files.copy(in, file);
        }
        Diagnosis[] diagnosis = new Diagnosis[1];
        String out = run(args -> diagnosis[0] = ReadTranscriptExample.explain(file));
        assertThat(diagnosis[0].failure()).isPresent();
        assertThat(out).contains("smtp.yourdomain.com:587").contains("535 5.7.1");
    }

    @Test
    void checkDnsExample_againstARealDnsServer() throws Exception {
        int sinkPort = Peers.freePort();
        try (KnotServer knot = KnotServer.start(Map.of("good.test", String.join("\n", TestZones.good("good.test")) + "\n"), Set.of());
             var sink = Peers.start(sinkPort, List.of(Peers.require("smtp-sink", "postfix").toString(), "-u", "nobody",
                     "127.0.0.1:" + sinkPort, "10"))) {
            DnsReport[] report = new DnsReport[1];
            String out = run(args -> report[0] = CheckDnsExample.check("good.test", knot.address(), sinkPort));
            assertThat(out).contains("[PASS] dns.reply.address: reply.good.test resolves to 127.0.0.1")
                    .contains("[PASS] dns.noreply.mx: noreply.good.test has MX good.test")
                    .contains("[PASS] dns.port." + sinkPort + ".open");
            assertThat(report[0].hasFailures()).as(out).isFalse();
        }
    }
}
