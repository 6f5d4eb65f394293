package dev.mailwright.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link OutboxListener} is told about one entry.
 *
 * @param id the entry's id
 * @param domain the recipient's domain
 * @param attempts attempts started so far (0 when enqueued)
 * @param age how long ago it was enqueued
 * @param failure the failure of this attempt, or null (enqueued, sent)
 */
public record EntryEvent(long id, String domain, int attempts, Duration age, LastFailure failure) {
    /** Validates the fields. */
    public EntryEvent {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(age, "age");
    }

    /** @return the failure, when the event is one */
    public Optional<LastFailure> lastFailure() {
        return Optional.ofNullable(failure);
    }
}
