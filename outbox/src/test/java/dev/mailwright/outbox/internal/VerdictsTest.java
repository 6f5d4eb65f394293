package dev.mailwright.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.RetrySchedule;
import dev.mailwright.outbox.spi.ClaimedEntry;
import dev.mailwright.outbox.spi.Outcome;
import dev.mailwright.smtp.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failures are permanent: only a 5xx for this message or recipient. */
class VerdictsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ClaimedEntry ENTRY = new ClaimedEntry(7, "example.com", "mona@example.com", "noreply@ghe.example.com",
            "<m@x>", new byte[0], NOW.minusSeconds(60), NOW.minusSeconds(60), NOW.minusSeconds(60), 1, null);

    private static Outcome outcome(FailureClass c, SmtpReply reply) {
        return Verdicts.outcome(ENTRY, new SendResult.Failed("<m@x>", c, reply, "detail", List.of(), 1), NOW,
                RetrySchedule.DEFAULT, 0.5);
    }

    @Test
    void a5xxForTheRecipientOrTheMessage_failsForGood() {
        assertThat(outcome(FailureClass.RECIPIENT_REFUSED, new SmtpReply(550, "5.1.1", "no such user")).state())
                .isEqualTo(EntryState.FAILED);
        assertThat(outcome(FailureClass.MESSAGE_REJECTED, new SmtpReply(554, "5.6.0", "content refused")).state())
                .isEqualTo(EntryState.FAILED);
    }

    @Test
    void reachingTheRelay_isDeferred_evenWhenTheRelaySaid5xx() {
        assertThat(outcome(FailureClass.AUTH_REJECTED, new SmtpReply(535, "5.7.8", "bad credentials")))
                .isInstanceOf(Outcome.Deferred.class);
        assertThat(outcome(FailureClass.RELAY_DENIED, new SmtpReply(554, "5.7.1", "relay access denied")))
                .isInstanceOf(Outcome.Deferred.class);
        assertThat(outcome(FailureClass.CONNECTION_REFUSED, null)).isInstanceOf(Outcome.Deferred.class);
        assertThat(outcome(FailureClass.RATE_LIMITED, new SmtpReply(421, "4.7.28", "slow down")))
                .isInstanceOfSatisfying(Outcome.Deferred.class, d -> {
                    assertThat(d.nextAttempt()).isEqualTo(NOW.plus(Duration.ofSeconds(45)));
                    assertThat(Verdicts.throttled(d.failure())).isTrue();
                });
    }

    @Test
    void aRejectionWithoutAReply_isAConnectionCutAndIsDeferred() {
        // smtp-client reports a connection cut at the end of DATA as MESSAGE_REJECTED without a reply
        assertThat(outcome(FailureClass.MESSAGE_REJECTED, null)).isInstanceOf(Outcome.Deferred.class);
    }

    @Test
    void aTransientFailureAfterTheLifetime_isDead() {
        ClaimedEntry old = new ClaimedEntry(7, "example.com", "mona@example.com", "noreply@ghe.example.com", "<m@x>",
                new byte[0], NOW.minus(Duration.ofDays(6)), NOW.minus(Duration.ofDays(6)), NOW, 40, null);
        Outcome o = Verdicts.outcome(old, new SendResult.Failed("<m@x>", FailureClass.CONNECT_TIMEOUT, null, "timed out",
                List.of(), 1), NOW, RetrySchedule.DEFAULT, 0.5);
        assertThat(o.state()).isEqualTo(EntryState.DEAD);
        assertThat(((Outcome.Finished) o).failure().category()).isEqualTo("TIMEOUT");
    }
}
