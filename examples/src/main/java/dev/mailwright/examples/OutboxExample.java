package dev.mailwright.examples;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.outbox.Enqueued;
import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxEntry;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.MailTransports;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.RetryPolicy;
import dev.mailwright.smtp.ThreadRef;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Notifications that survive relay outages and restarts: the outbox on its embedded default. The
 * request thread only enqueues (durable when it returns); the outbox's workers send, retry for days
 * and dead-letter what never goes through.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.OutboxExample SETTINGS KEYFILE DIR}
 */
public final class OutboxExample {
    private OutboxExample() {
    }

    /**
     * @param settings validated settings of the outgoing SMTP server
     * @param keys the reply-address keys
     * @param directory where the embedded store lives (kept across restarts)
     * @return the entry once sent
     * @throws InterruptedException when interrupted while waiting for the worker
     */
    public static OutboxEntry run(EmailSettings settings, KeyRing keys, Path directory) throws InterruptedException {
        NotificationMailer mailer = NotificationMailer.builder()
                .settings(settings)
                .keyRing(keys)
                .transport(MailTransports.open("smtp://", settings))
                .retry(RetryPolicy.NONE)                            // the outbox retries, for days
                .build();
        try (Outbox outbox = Outbox.builder()
                .store(OutboxStores.embedded(directory))             // one SQLite file, synced at each commit
                .mailer(mailer)                                      // closed with the outbox
                .workers(4)
                .build()
                .start()) {
            Notification n = Notification.builder()
                    .thread(ThreadRef.issue("octo", "hello", 42, 4242))
                    .eventId("c1002")
                    .reason(Reason.MENTION)
                    .actor(new Actor("octocat", "The Octocat"))
                    .recipient(new Recipient("mona@example.com", 5, "mona"))
                    .title("Email replies keep their first line")
                    .textBody("@mona the release is out.")
                    .threadUrl(URI.create("https://" + settings.hostname().orElseThrow() + "/octo/hello/issues/42"))
                    .build();
            Enqueued first = outbox.enqueue(n);                      // in a request handler: returns at once
            Enqueued again = outbox.enqueue(n);                      // a retried request: stored once
            System.out.println("Queued entry " + first.id() + "; enqueued again: duplicate=" + again.duplicate());
            for (int i = 0; i < 600; i++) {
                List<OutboxEntry> sent = outbox.admin().list(EntryFilter.of(EntryState.SENT).withId(first.id()), 1);
                if (!sent.isEmpty()) {
                    OutboxEntry e = sent.get(0);
                    System.out.println("Sent " + e.messageId() + " after " + e.attempts() + " attempt(s)"
                            + (e.queueId() == null ? "" : ", queued as " + e.queueId()));
                    return e;
                }
                Thread.sleep(100);
            }
            System.out.println("Not sent yet: " + outbox.admin().status());
            return null;
        }
    }

    /** @param args the settings file, the key file and the outbox's directory */
    public static void main(String[] args) throws InterruptedException {
        run(SettingsLoader.fromFile(Path.of(args[0])).requireValid(), KeyRing.fromFile(Path.of(args[1])), Path.of(args[2]));
    }
}
