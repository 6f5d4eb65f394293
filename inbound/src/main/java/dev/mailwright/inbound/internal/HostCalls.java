package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.spi.SourceMessage;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the host (a reply, unsubscribe, new-thread or bounce handler) for a message: a call that
 * throws is retried later with a doubling backoff, then filed as failure after the last attempt.
 *
 * @param maxAttempts attempts before failure
 * @param backoff the wait after the first failure, doubled after each
 * @param clock the clock of the retries
 * @param events told of each call, with its duration
 */
public record HostCalls(int maxAttempts, Duration backoff, Clock clock, Events events) {
    private static final Logger LOG = LoggerFactory.getLogger(HostCalls.class);

    /** Something the host does for a message, which may throw to ask for a later attempt. */
    @FunctionalInterface
    public interface HostCall {
        /** @return the disposition when the host took the message @throws Exception to ask for a later attempt */
        Disposition run() throws Exception;
    }

    /**
     * @param m the message
     * @param handler which handler, for the events: {@code reply}, {@code new-thread}, {@code unsubscribe}, {@code bounce}
     * @param call the call
     * @return what the call returned, or a later attempt ({@link Disposition.RetryLater}), or
     *     failure ({@code handler.failed}) after the last attempt
     */
    public Disposition attempt(SourceMessage m, String handler, HostCall call) {
        long start = System.nanoTime();
        Disposition d = attempt(m, call);
        events.handler(m, handler, d, start);
        return d;
    }

    private Disposition attempt(SourceMessage m, HostCall call) {
        try {
            return call.run();
        } catch (Exception e) {
            int attempt = m.attempt();
            String why = "the handler failed (attempt " + attempt + " of " + maxAttempts + "): " + e;
            LOG.warn("Handler failed for {}: {}", m.location(), e.toString());
            if (attempt >= maxAttempts) {
                return new Disposition.Rejected("handler.failed", why);
            }
            Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
            return new Disposition.RetryLater(why, attempt, clock.instant().plus(wait));
        }
    }
}
