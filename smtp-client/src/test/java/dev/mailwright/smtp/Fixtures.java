package dev.mailwright.smtp;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ThreadType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Shared test data: settings, key ring, notifications of each kind, a fixed clock and boundary. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T19:00:00Z"), ZoneOffset.UTC);
    static final String BOUNDARY = "--==_mimepart_fixedBoundary0001";

    private Fixtures() {
    }

    static KeyRing keys() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return KeyRing.of(key);
    }

    static EmailSettings settings(String host, int port, ConnectionSecurity security) {
        return EmailSettings.builder().smtpHost(host).port(port).security(security)
                .noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com").heloDomain("ghe.example.com").build();
    }

    static EmailSettings settings() {
        return settings("127.0.0.1", 2525, ConnectionSecurity.NONE);
    }

    static NotificationMailer.Builder mailer(dev.mailwright.smtp.spi.MailTransport transport) {
        return mailer(transport, settings());
    }

    static NotificationMailer.Builder mailer(dev.mailwright.smtp.spi.MailTransport transport, EmailSettings settings) {
        return NotificationMailer.builder().settings(settings).keyRing(keys()).transport(transport).clock(CLOCK)
                .boundaries(() -> BOUNDARY).siteName("GitHub Enterprise");
    }

    private static final String ISSUE_TEXT =
            "The app crashes at start-up when settings.properties is empty.\nSteps: create an empty file, start.";
    private static final String ISSUE_HTML = "<p>The app crashes at start-up when <code>settings.properties</code> is empty.</p>";
    private static final URI UNSUBSCRIBE = URI.create("https://ghe.example.com/notifications/unsubscribe/AB12CD");

    /** @return what every fixture shares: the recipient */
    private static Notification.Builder base() {
        return Notification.builder().recipient(new Recipient("octocat@example.com", 5, "octocat"));
    }

    /** @return an issue notification whose properties a test may each change once */
    static Notification.Builder issue() {
        return base()
                .thread(ThreadRef.issue("octo", "hello-world", 42, 1001))
                .reason(Reason.ASSIGN)
                .actor(new Actor("monalisa", "Mona Lisa"))
                .title("Crash when the settings file is empty")
                .textBody(ISSUE_TEXT)
                .htmlBody(ISSUE_HTML)
                .threadUrl(URI.create("https://ghe.example.com/octo/hello-world/issues/42"))
                .unsubscribeUrl(UNSUBSCRIBE).build().toBuilder();
    }

    /** @return the issue notification without an HTML body (a builder never takes null to clear one) */
    static Notification.Builder issueWithoutHtml() {
        Notification n = issue().build();
        return base().thread(n.thread()).reason(n.reason()).actor(n.actor()).title(n.title()).textBody(n.textBody())
                .threadUrl(n.threadUrl()).unsubscribeUrl(n.unsubscribeUrl()).build().toBuilder();
    }

    static Notification.Builder pullRequestComment() {
        return base().thread(ThreadRef.pullRequest("octo", "hello-world", 7, 2002)).eventId("c9001")
                .reason(Reason.REVIEW_REQUESTED).actor(new Actor("monalisa", "Mona Lisa"))
                .title("Fix the crash on empty settings \u2014 caf\u00e9 \u2713")
                .textBody("Looks good to me. Une remarque : le caf\u00e9 est pr\u00eat.\n")
                .htmlBody("<p>Looks good to me. Une remarque&nbsp;: le caf\u00e9 est pr\u00eat.</p>")
                .threadUrl(URI.create("https://ghe.example.com/octo/hello-world/pull/7#issuecomment-9001"))
                .unsubscribeUrl(UNSUBSCRIBE).build().toBuilder();
    }

    static Notification.Builder commitComment() {
        return base().thread(ThreadRef.commit("octo", "hello-world", "1801beb4df676a79250d1e61e54ab763822c207d", 3003))
                .eventId("r77").reason(Reason.COMMENT).actor(new Actor("hubot", "Hubot \"the bot\" (CI)"))
                .title("Add settings loader")
                .textBody("This line " + "x".repeat(1100) + " is long.")
                .threadUrl(URI.create("https://ghe.example.com/octo/hello-world/commit/1801beb4df676a79250d1e61e54ab763822c207d"))
                .build().toBuilder();
    }

    static Notification.Builder discussion() {
        return base().thread(new ThreadRef("octo", "hello-world", ThreadKind.custom("discussions", ThreadType.DISCUSSION, "#"),
                        "12", 4004)).eventId("answer-3").reason(Reason.custom("watching", "you watch this discussion"))
                .actor(new Actor("monalisa", "Mona Lisa"))
                .title("How do I rotate the reply keys?")
                .textBody(ISSUE_TEXT)
                .htmlBody(ISSUE_HTML)
                .threadUrl(URI.create("https://ghe.example.com/octo/hello-world/discussions/12"))
                .unsubscribeUrl(UNSUBSCRIBE).build().toBuilder();
    }

    /** @return a mailer on the fixtures' settings with another clock (a builder's clock is set once) */
    static NotificationMailer.Builder mailer(dev.mailwright.smtp.spi.MailTransport transport, java.time.Clock clock) {
        return NotificationMailer.builder().settings(settings()).keyRing(keys()).transport(transport).clock(clock)
                .boundaries(() -> BOUNDARY).siteName("GitHub Enterprise");
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
