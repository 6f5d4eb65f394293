package dev.mailwright.benchmarks.smtp;

import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.ThreadRef;
import java.net.URI;

/** The benchmark's notification: about 4 KB once composed (text and HTML alternatives). */
final class BenchMessages {
    static final String TEXT;
    static final String HTML;

    static {
        StringBuilder t = new StringBuilder();
        StringBuilder h = new StringBuilder("<p>");
        String line = "The settings loader fails when the file is empty; this comment explains the fix in detail.\n";
        for (int i = 0; i < 11; i++) {
            t.append(line);
            h.append(line.strip()).append("<br>\n");
        }
        h.append("</p>");
        TEXT = t.toString();
        HTML = h.toString();
    }

    Notification notification(int i) {
        return Notification.builder()
                .thread(ThreadRef.issue("octo", "hello-world", 42, 1001)).eventId("c" + i)
                .reason(Reason.MENTION).actor(new Actor("monalisa", "Mona Lisa"))
                .recipient(new Recipient("octocat@example.com", 5, "octocat"))
                .title("Crash when the settings file is empty").textBody(TEXT).htmlBody(HTML)
                .threadUrl(URI.create("https://ghe.example.com/octo/hello-world/issues/42"))
                .unsubscribeUrl(URI.create("https://ghe.example.com/notifications/unsubscribe/AB12")).build();
    }

    int mailwrightSize() {
        dev.mailwright.core.EmailSettings s = dev.mailwright.core.EmailSettings.builder().smtpHost("127.0.0.1")
                .noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com").build();
        try (dev.mailwright.smtp.NotificationMailer m = dev.mailwright.smtp.NotificationMailer.builder().settings(s)
                .keyRing(dev.mailwright.core.KeyRing.of(new byte[32])).transport(new dev.mailwright.smtp.MemoryTransport()).build()) {
            return m.compose(notification(1)).size();
        }
    }
}
