package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.DomainLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A node's per-domain limits: messages in flight, a token bucket for the rate, and pauses after a
 * {@code 4.7.x} deferral. Thread-safe (one lock; the work under it is tiny).
 */
final class DomainGate {
    private final DomainLimits limits;
    private final Map<String, State> domains = new HashMap<>();

    private static final class State {
        int inFlight;
        double tokens;
        long refilledAtNanos;
        Instant pausedUntil = Instant.MIN;
    }

    DomainGate(DomainLimits limits) {
        this.limits = limits;
    }

    /** @return the domains not to claim now: at their concurrency, out of tokens, or paused */
    synchronized Set<String> blocked(Instant now, long nanos) {
        Set<String> out = new HashSet<>();
        domains.entrySet().removeIf(e -> idle(e.getValue(), now, nanos, limits.limit(e.getKey())));
        domains.forEach((d, s) -> {
            DomainLimits.Limit l = limits.limit(d);
            refill(s, l, nanos);
            if (s.inFlight >= l.concurrency() || s.tokens < 1 || now.isBefore(s.pausedUntil)) {
                out.add(d);
            }
        });
        return out;
    }

    /** Takes a slot and a token for one message, when the domain has both and is not paused. */
    synchronized boolean tryAcquire(String domain, Instant now, long nanos) {
        DomainLimits.Limit l = limits.limit(domain);
        State s = domains.computeIfAbsent(domain, d -> fresh(l, nanos));
        refill(s, l, nanos);
        if (s.inFlight >= l.concurrency() || s.tokens < 1 || now.isBefore(s.pausedUntil)) {
            return false;
        }
        s.inFlight++;
        if (!Double.isInfinite(l.perSecond())) {
            s.tokens -= 1;
        }
        return true;
    }

    synchronized void release(String domain) {
        State s = domains.get(domain);
        if (s != null && s.inFlight > 0) {
            s.inFlight--;
        }
    }

    synchronized void pause(String domain, Instant until) {
        State s = domains.computeIfAbsent(domain, d -> fresh(limits.limit(d), System.nanoTime()));
        if (until.isAfter(s.pausedUntil)) {
            s.pausedUntil = until;
        }
    }

    private static State fresh(DomainLimits.Limit l, long nanos) {
        State s = new State();
        s.tokens = burst(l);
        s.refilledAtNanos = nanos;
        return s;
    }

    private static void refill(State s, DomainLimits.Limit l, long nanos) {
        if (Double.isInfinite(l.perSecond())) {
            s.tokens = 1;
            return;
        }
        s.tokens = Math.min(burst(l), s.tokens + (nanos - s.refilledAtNanos) / 1e9 * l.perSecond());
        s.refilledAtNanos = nanos;
    }

    private static boolean idle(State s, Instant now, long nanos, DomainLimits.Limit l) {
        refill(s, l, nanos);
        return s.inFlight == 0 && !now.isBefore(s.pausedUntil) && s.tokens >= burst(l) - 1e-9;
    }

    /** @return the bucket's size: one second's worth of messages, at least one */
    private static double burst(DomainLimits.Limit l) {
        return Double.isInfinite(l.perSecond()) ? 1 : Math.max(1, l.perSecond());
    }
}
