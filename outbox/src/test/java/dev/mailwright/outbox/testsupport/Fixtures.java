package dev.mailwright.outbox.testsupport;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.RetryPolicy;
import dev.mailwright.smtp.SmtpTransport;
import dev.mailwright.smtp.ThreadRef;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;

/** Notifications, settings and mailers for the outbox's tests and benchmarks. */
public final class Fixtures {
    /** The key ring of every test mailer. */
    public static final KeyRing KEYS = KeyRing.of(HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));

    private Fixtures() {
    }

    /** @param port the relay's port @return settings for it: no TLS, no authentication, short timeouts */
    public static EmailSettings settings(int port) {
        return EmailSettings.builder().smtpHost("127.0.0.1").port(port).security(ConnectionSecurity.NONE)
                .heloDomain("ghe.example.com").noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com")
                .connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** @param port the relay's port @param connections the pool's size @return a transport to it */
    public static SmtpTransport transport(int port, int connections) {
        return SmtpTransport.builder().settings(settings(port)).maxConnections(connections).build();
    }

    /** @param port the relay's port @return a mailer with no in-memory retries (the outbox retries) */
    public static NotificationMailer mailer(int port) {
        return NotificationMailer.builder().settings(settings(port)).keyRing(KEYS).transport(transport(port, 4))
                .retry(RetryPolicy.NONE).deadline(Duration.ofSeconds(20)).build();
    }

    /**
     * @param i a number: the comment's id
     * @param domain the recipient's domain
     * @return a notification of about 2 KB for {@code user<i>@<domain>}
     */
    public static Notification notification(int i, String domain) {
        return Notification.builder().thread(ThreadRef.issue("octo", "hello", 7, 70)).eventId("c" + i)
                .reason(Reason.MENTION).actor(new Actor("octocat", "The Octocat"))
                .recipient(new Recipient("user" + i + "@" + domain, 5, "user" + i))
                .title("Replies by email lose the first line")
                .textBody(("@user" + i + " could you look at this? ").repeat(40))
                .htmlBody("<p>" + ("@user" + i + " could you look at this? ").repeat(20) + "</p>")
                .threadUrl(URI.create("https://ghe.example.com/octo/hello/issues/7")).build();
    }
}
