package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.outbox.Enqueued;
import dev.mailwright.outbox.EntryEvent;
import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxEntry;
import dev.mailwright.outbox.OutboxListener;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.outbox.RetrySchedule;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.RetryPolicy;
import dev.mailwright.smtp.SmtpTransport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The demo's outbox step: a notification enqueued during an outage, sent once the server is back. */
final class DemoOutbox {
    private DemoOutbox() {
    }

    /**
     * @param settings the settings
     * @param keys the reply-address keys
     * @param directory the embedded store's directory
     * @param n the notification
     * @param out where the story is told
     * @param serverBack starts the SMTP server again
     * @return the entry once sent, or null
     * @throws InterruptedException when interrupted
     */
    static OutboxEntry sendThroughOutage(EmailSettings settings, KeyRing keys, Path directory, Notification n, PrintWriter out,
            Runnable serverBack) throws InterruptedException {
        CountDownLatch deferred = new CountDownLatch(1);
        OutboxListener listener = new OutboxListener() {
            @Override
            public void deferred(EntryEvent event, Instant nextAttempt) {
                out.println("Attempt " + event.attempts() + " failed: " + event.failure() + "; tried again at " + nextAttempt);
                out.flush();
                deferred.countDown();
            }
        };
        NotificationMailer mailer = NotificationMailer.builder().settings(settings).keyRing(keys)
                .transport(SmtpTransport.builder().settings(settings).build()).retry(RetryPolicy.NONE).build();
        try (Outbox outbox = Outbox.builder().store(OutboxStores.embedded(directory)).mailer(mailer).workers(2)
                .listener(listener).pollInterval(Duration.ofMillis(100))
                .retry(new RetrySchedule(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMinutes(5))).build().start()) {
            Enqueued e = outbox.enqueue(n);
            out.println("Enqueued entry " + e.id() + " into " + directory.resolve("outbox.db")
                    + ": durable when enqueue returns; nothing is sent on the caller's thread.");
            out.flush();
            if (!deferred.await(30, TimeUnit.SECONDS)) {
                out.println("The worker never tried while the server was down.");
            }
            serverBack.run();
            for (int i = 0; i < 300; i++) {
                List<OutboxEntry> sent = outbox.admin().list(EntryFilter.of(EntryState.SENT).withId(e.id()), 1);
                if (!sent.isEmpty()) {
                    var status = outbox.admin().status();
                    out.println("Sent by the outbox's worker after " + sent.get(0).attempts() + " attempts, queued as "
                            + sent.get(0).queueId() + "; the outbox now holds " + status.count(EntryState.SENT) + " sent, "
                            + status.pending() + " pending.");
                    return sent.get(0);
                }
                Thread.sleep(100);
            }
            out.println("Not sent: " + outbox.admin().status());
            return null;
        }
    }
}
