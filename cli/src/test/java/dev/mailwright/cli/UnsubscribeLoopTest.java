package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.MemoryTransport;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.ThreadRef;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The loop of unsubscribing by mail: the {@code List-Unsubscribe} mailto of a notification, used
 * the way a mail client uses it, comes back through the pipeline as a request to unsubscribe for
 * the right thread and user, and never as a comment.
 */
class UnsubscribeLoopTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void theNotificationsUnsubscribeMailto_comesBackAsAnUnsubscribeEvent_neverAsAComment() throws Exception {
        EmailSettings settings = EmailSettings.builder().smtpHost("127.0.0.1").noReplyAddress("noreply@ghe.example.com")
                .hostname("ghe.example.com").build();
        MemoryTransport memory = new MemoryTransport();
        try (NotificationMailer mailer = NotificationMailer.builder().settings(settings)
                .keyRing(KeyRing.of(HexFormat.of().parseHex(KEY))).transport(memory).build()) {
            mailer.send(Notification.builder().thread(ThreadRef.issue("octo", "hello-world", 42, 1001))
                    .reason(Reason.SUBSCRIBED).actor(new Actor("monalisa", "Mona Lisa"))
                    .recipient(new Recipient("octocat@example.com", 5, "octocat")).title("Crash on empty settings")
                    .textBody("It crashes.").threadUrl(URI.create("https://ghe.example.com/octo/hello-world/issues/42"))
                    .unsubscribeUrl(URI.create("https://ghe.example.com/notifications/unsubscribe/AB12")).build());
        }
        MimeMessage sent = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(memory.single().content()));
        Matcher mailto = Pattern.compile("<mailto:([^?>]+)\\?subject=([^>]+)>")
                .matcher(MimeUtility.unfold(sent.getHeader("List-Unsubscribe", ",")));
        assertThat(mailto.find()).as("a mailto in List-Unsubscribe").isTrue();
        String to = mailto.group(1);
        String subject = mailto.group(2);

        // what a mail client sends for it, as Postfix delivers it into the reply maildir
        Path maildir = dir.resolve("mail/reply");
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(d));
        }
        Files.writeString(maildir.resolve("new/1414630039.Vfc00I12000eM445784.ghe-example-com"),
                "Return-Path: <octocat@example.com>\nDelivered-To: " + to + "\nFrom: The Octocat <octocat@example.com>\nTo: "
                        + to + "\nSubject: " + subject + "\nMessage-ID: <unsubscribe-1@example.com>\n"
                        + "Content-Type: text/plain; charset=UTF-8\n\nThis message was automatically generated.\n");
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("inbound", "run", "--maildir", maildir.toString(), "--hostname", "ghe.example.com",
                "--key-file", keys.toString(), "--quiet");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"event\":\"unsubscribe\",\"target\":{\"type\":\"issue\",\"id\":1001,\"user\":5}")
                .contains("\"sender\":\"octocat@example.com\"").doesNotContain("\"text\""));
        assertThat(err.toString()).contains("delivered 1, rejected 0, discarded 0");
    }
}
