package dev.mailwright.inbound.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads of the listener's sessions: one per connection, named, and never logging a failure twice. */
public final class ListenerThreads {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private ListenerThreads() {
    }

    /**
     * @return a pool that starts a thread per session; an exception that ends a session was logged
     *     by SubEthaSMTP's session already, so the thread counts it ({@code listener.session.failed})
     *     instead of printing it again
     * @param counters the listener's counters
     */
    public static ExecutorService pool(InboundCounters counters) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mailwright-smtp-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            // Session.run() logged it with its stack trace before rethrowing: count it, do not print it again
            t.setUncaughtExceptionHandler((thread, e) -> counters.count("listener.session.failed"));
            return t;
        });
    }
}
