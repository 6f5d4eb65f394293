package dev.mailwright.inbound.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a mailbox source (IMAP, POP3) remembers of its messages between claims: which are claimed
 * and not yet filed, and which wait for a retry (the message stays on the server; its attempt and
 * earliest next attempt are kept here, in memory, so a restart starts them again at attempt 1 as a
 * maildir's recovered claims do). Never a message count or a position.
 *
 * @param <K> the source's key of a message (a UID, a UIDL)
 */
public final class ClaimBook<K> {
    private record Retry(int attempt, Instant notBefore) {
    }

    private final Set<K> claimed = new HashSet<>();
    private final Map<K, Retry> retries = new HashMap<>();

    /**
     * @param key a message
     * @param now the time
     * @return true when it may be claimed now: not claimed, and not waiting for a retry that is not due
     */
    public synchronized boolean available(K key, Instant now) {
        Retry r = retries.get(key);
        return !claimed.contains(key) && (r == null || !now.isBefore(r.notBefore()));
    }

    /**
     * Claims a message.
     *
     * @param key the message
     * @return the attempt this claim is: 1, or one more than the last retry
     */
    public synchronized int claim(K key) {
        claimed.add(key);
        Retry r = retries.get(key);
        return r == null ? 1 : r.attempt() + 1;
    }

    /** @param key a message that was filed for good (moved, deleted, kept as processed) */
    public synchronized void filed(K key) {
        claimed.remove(key);
        retries.remove(key);
    }

    /**
     * @param key a message filed for a later attempt
     * @param attempt the attempt that failed
     * @param notBefore when it may be claimed again
     */
    public synchronized void retry(K key, int attempt, Instant notBefore) {
        claimed.remove(key);
        retries.put(key, new Retry(attempt, notBefore));
    }

    /** @return how many messages are claimed or wait for a retry (the source skips that many at most) */
    public synchronized int size() {
        return claimed.size() + retries.size();
    }

    /** Forgets everything (the keys no longer mean the same messages: UIDVALIDITY changed). */
    public synchronized void clear() {
        claimed.clear();
        retries.clear();
    }
}
