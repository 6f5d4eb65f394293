package dev.mailwright.outbox.internal;

import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.LastFailure;
import dev.mailwright.outbox.RetrySchedule;
import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.outbox.spi.ClaimedEntry;
import dev.mailwright.outbox.spi.Outcome;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns a {@link SendResult} into an outbox outcome. The only place that reads smtp-client's failure
 * vocabulary: a failure is permanent only when the server refused this message or this recipient
 * (5xx); everything about reaching the relay (refused connection, timeout, TLS, credentials, relay
 * denied) is deferred, because an administrator fixes it once and every waiting entry then goes out.
 */
public final class Verdicts {
    private static final Set<FailureCategory> PERMANENT = EnumSet.of(FailureCategory.RECIPIENT_REJECTED,
            FailureCategory.MESSAGE_REJECTED);

    private Verdicts() {
    }

    /**
     * @param e the entry
     * @param result what the transport said
     * @param now when
     * @param schedule the retry schedule
     * @param random a number in [0, 1) for the jitter
     * @return sent, failed, deferred or dead
     */
    public static Outcome outcome(ClaimedEntry e, SendResult result, Instant now, RetrySchedule schedule, double random) {
        if (result instanceof SendResult.Sent s) {
            return new Outcome.Sent(e, s.queueId(), now);
        }
        if (result instanceof SendResult.Suppressed) {
            // the mailer's suppression list holds the recipient (it bounced or complained): nothing was sent
            return new Outcome.Finished(e, EntryState.FAILED, new LastFailure("SUPPRESSED", 0, null,
                    "the recipient is on the suppression list; nothing was sent"), now);
        }
        SendResult.Failed f = (SendResult.Failed) result;
        LastFailure failure = failure(f);
        if (permanent(f)) {
            return new Outcome.Finished(e, EntryState.FAILED, failure, now);
        }
        return deferOrDie(e, failure, now, schedule, random);
    }

    /**
     * @param e the entry
     * @param failure a transient failure
     * @param now when
     * @param schedule the retry schedule
     * @param random a number in [0, 1)
     * @return deferred, or dead when its lifetime is over
     */
    public static Outcome deferOrDie(ClaimedEntry e, LastFailure failure, Instant now, RetrySchedule schedule, double random) {
        Instant next = schedule.next(e.lifetimeFrom(), now, e.attempts(), random);
        return next == null ? new Outcome.Finished(e, EntryState.DEAD, failure, now) : new Outcome.Deferred(e, failure, next);
    }

    /** @param t what a transport threw instead of returning a result @return a transient failure */
    public static LastFailure unexpected(RuntimeException t) {
        return new LastFailure(FailureCategory.UNKNOWN.name(), 0, null, "the transport threw " + t);
    }

    /** @return true for a {@code 4.7.x} (policy, rate limiting) deferral: the domain is paused on this node */
    static boolean throttled(LastFailure f) {
        return f.enhancedStatus() != null && f.enhancedStatus().startsWith("4.7.");
    }

    private static boolean permanent(SendResult.Failed f) {
        SmtpReply r = f.reply();
        // a 5xx reply is required: smtp-client reports a connection cut at the end of DATA as
        // MESSAGE_REJECTED without a reply, which must be tried again, not failed
        boolean refusedByServer = r != null && r.code() >= 500;
        return refusedByServer && (PERMANENT.contains(f.category()) || f.category() == FailureCategory.UNKNOWN);
    }

    private static LastFailure failure(SendResult.Failed f) {
        SmtpReply r = f.reply();
        return new LastFailure(f.category().name(), r == null ? 0 : r.code(), r == null ? null : r.enhancedStatus(),
                f.detail());
    }
}
