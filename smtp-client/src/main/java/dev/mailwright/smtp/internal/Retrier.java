package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.RetryPolicy;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through a transport and retries transient failures with exponential backoff and jitter,
 * never starting a wait that would end past the message's deadline.
 */
public final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final Clock clock;

    /**
     * @param policy attempts and backoff
     * @param clock the clock deadlines are measured with
     */
    public Retrier(RetryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * @param message the message, with its deadline
     * @param transport the transport
     * @return the last result, with the number of attempts made
     */
    public SendResult run(OutgoingMessage message, MailTransport transport) {
        int attempt = 1;
        while (true) {
            SendResult result = transport.send(message);
            if (result instanceof SendResult.Sent sent) {
                return sent.withAttempts(attempt);
            }
            if (!(result instanceof SendResult.Failed)) {
                return result;
            }
            SendResult.Failed failed = ((SendResult.Failed) result).withAttempts(attempt);
            if (!failed.category().isTransient() || attempt >= policy.maxAttempts()) {
                return failed;
            }
            Duration wait = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            Instant now = clock.instant();
            if (now.plus(wait).isAfter(message.deadline())) {
                LOG.debug("not retrying {}: the next attempt would start after the deadline {}", message.messageId(),
                        message.deadline());
                return failed;
            }
            LOG.debug("attempt {} for {} failed ({}); retrying in {} ms", attempt, message.messageId(), failed.category(),
                    wait.toMillis());
            if (!sleep(wait)) {
                return failed;
            }
            attempt++;
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
