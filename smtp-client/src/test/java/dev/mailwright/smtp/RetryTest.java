package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries of the mailer with a scripted transport (the real-server cases are in SmtpSinkTest). */
class RetryTest {

    /** Fails with the given categories in order, then sends. */
    static final class Scripted implements MailTransport {
        final List<FailureCategory> script;
        final List<Long> callNanos = new ArrayList<>();

        Scripted(FailureCategory... script) {
            this.script = new ArrayList<>(List.of(script));
        }

        @Override
        public synchronized SendResult send(OutgoingMessage m) {
            callNanos.add(System.nanoTime());
            if (script.isEmpty()) {
                return new SendResult.Sent(m.messageId(), List.of(RecipientStatus.accepted(m.recipients().get(0))), null, null, 1);
            }
            FailureCategory c = script.remove(0);
            SmtpReply reply = c == FailureCategory.TRANSIENT ? new SmtpReply(451, "4.3.0", "try later")
                    : new SmtpReply(550, "5.1.1", "no such user");
            FailureClass failure = java.util.Arrays.stream(FailureClass.values()).filter(f -> f.category() == c).findFirst()
                    .orElseThrow();
            return new SendResult.Failed(m.messageId(), failure, reply, c.name(), List.of(), 1);
        }

        @Override
        public String describe() {
            return "scripted:";
        }

        @Override
        public void close() {
        }
    }

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(80));

    @Test
    void transientFailures_areRetriedWithGrowingBackoff() {
        Scripted t = new Scripted(FailureCategory.TRANSIENT, FailureCategory.CONNECTION_LOST, FailureCategory.CONNECTION_REFUSED);
        try (NotificationMailer mailer = Fixtures.mailer(t, java.time.Clock.systemUTC()).retry(FAST).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r.isSent()).isTrue();
            assertThat(r.attempts()).isEqualTo(4);
        }
        for (int i = 1; i < t.callNanos.size(); i++) {
            long waitedMs = (t.callNanos.get(i) - t.callNanos.get(i - 1)) / 1_000_000;
            long base = Math.min(80, 20L << (i - 1));
            assertThat(waitedMs).as("wait before attempt %d", i + 1).isGreaterThanOrEqualTo(base / 2);
        }
    }

    @Test
    void permanentFailures_areNotRetried() {
        Scripted t = new Scripted(FailureCategory.RECIPIENT_REJECTED);
        try (NotificationMailer mailer = Fixtures.mailer(t).retry(FAST).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r).isInstanceOf(SendResult.Failed.class);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(((SendResult.Failed) r).reply().enhancedStatus()).isEqualTo("5.1.1");
        }
        assertThat(t.callNanos).hasSize(1);
    }

    @Test
    void retriesStopAtTheAttemptLimit() {
        Scripted t = new Scripted(FailureCategory.TRANSIENT, FailureCategory.TRANSIENT, FailureCategory.TRANSIENT,
                FailureCategory.TRANSIENT, FailureCategory.TRANSIENT);
        try (NotificationMailer mailer = Fixtures.mailer(t, java.time.Clock.systemUTC()).retry(FAST).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r).isInstanceOf(SendResult.Failed.class);
            assertThat(r.attempts()).isEqualTo(4);
        }
    }

    @Test
    void retriesStopAtTheDeadline() {
        Scripted t = new Scripted(FailureCategory.TRANSIENT, FailureCategory.TRANSIENT, FailureCategory.TRANSIENT);
        RetryPolicy slow = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofSeconds(60));
        try (NotificationMailer mailer = Fixtures.mailer(t, java.time.Clock.systemUTC()).retry(slow)
                .deadline(Duration.ofSeconds(5)).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r).isInstanceOf(SendResult.Failed.class);
            assertThat(r.attempts()).isEqualTo(1);
        }
    }

    @Test
    void backoff_hasJitterBetweenHalfAndAll() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(p.backoff(1, 0.999999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(p.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(10, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(100, 0.5)).isEqualTo(Duration.ofMillis(750));
    }
}
