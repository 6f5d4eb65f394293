package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.DomainLimits;
import dev.mailwright.outbox.OutboxListener;
import dev.mailwright.outbox.RetrySchedule;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a node's workers need.
 *
 * @param store the store
 * @param sender sends one message once (a transport, or a mailer's deliver)
 * @param nodeId this node's id, the owner of its leases
 * @param workers messages sent at once, at least 1
 * @param inFlight entries a node holds at most (claimed, being sent, or waiting to be recorded), at least {@code workers}
 * @param lease how long a claim lasts unless renewed (renewed every third of it)
 * @param pollInterval how often an idle node looks for due entries
 * @param sendTimeout the deadline of one attempt
 * @param statusInterval how often the status is taken and old sent entries purged
 * @param sentRetention how long sent entries (their keys) are kept
 * @param closeGrace how long close() waits for messages in flight
 * @param retry the retry schedule
 * @param limits the per-domain limits
 * @param listener the metrics hooks
 * @param clock the clock
 */
public record NodeConfig(OutboxStore store, Function<OutgoingMessage, SendResult> sender, String nodeId, int workers,
        int inFlight, Duration lease, Duration pollInterval, Duration sendTimeout, Duration statusInterval, Duration sentRetention,
        Duration closeGrace, RetrySchedule retry, DomainLimits limits, OutboxListener listener, Clock clock) {
    /** Validates the fields. */
    public NodeConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (inFlight < workers) {
            throw new IllegalArgumentException("inFlight " + inFlight + " is less than the " + workers + " workers");
        }
        for (Duration d : new Duration[] {lease, pollInterval, sendTimeout, statusInterval, sentRetention, closeGrace}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, was " + d);
            }
        }
    }
}
