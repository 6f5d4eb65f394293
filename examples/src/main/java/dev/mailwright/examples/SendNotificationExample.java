package dev.mailwright.examples;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.MailTransports;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.ThreadRef;
import java.net.URI;
import java.nio.file.Path;

/**
 * Sending a notification about an issue comment, with a signed Reply-To address.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.SendNotificationExample SETTINGS KEYFILE}
 */
public final class SendNotificationExample {
    private SendNotificationExample() {
    }

    /**
     * @param settings validated settings of the outgoing SMTP server
     * @param keys the reply-address keys
     * @return what the server answered
     */
    public static SendResult send(EmailSettings settings, KeyRing keys) {
        Notification notification = Notification.builder()
                .thread(ThreadRef.issue("octo", "hello", 42, 4242))
                .eventId("c1001")                                   // a later comment: threaded under the issue
                .reason(Reason.MENTION)
                .actor(new Actor("octocat", "The Octocat"))
                .recipient(new Recipient("mona@example.com", 5, "mona"))
                .title("Email replies keep their first line")
                .textBody("@mona the fix is merged; can you confirm?")
                .threadUrl(URI.create("https://" + settings.hostname().orElseThrow() + "/octo/hello/issues/42"))
                .build();
        // "smtp://" takes host, port, security and credentials from the settings; a pool of
        // connections is kept open until close().
        try (NotificationMailer mailer = NotificationMailer.builder()
                .settings(settings)
                .keyRing(keys)
                .transport(MailTransports.open("smtp://", settings))
                .build()) {
            SendResult result = mailer.send(notification);
            if (result instanceof SendResult.Sent sent) {
                System.out.println("Sent " + sent.messageId() + ": " + sent.finalReply());
            } else if (result instanceof SendResult.Failed failed) {
                System.out.println("Not sent (" + failed.category() + "): " + failed.detail());
            }
            return result;
        }
    }

    /** @param args the settings file and the key file */
    public static void main(String[] args) {
        send(SettingsLoader.fromFile(Path.of(args[0])).requireValid(), KeyRing.fromFile(Path.of(args[1])));
    }
}
