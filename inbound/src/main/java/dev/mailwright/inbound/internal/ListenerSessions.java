package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.ListenerLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The listener's connections: caps them (in all, and per client address, answering {@code 421
 * 4.7.0} before the greeting), gives each its {@link SessionGuard}, and logs one line when a
 * connection opens and one when it closes, as Postfix's {@code smtpd} does in
 * {@code /var/log/mail.log}.
 */
public final class ListenerSessions implements SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerSessions.class);

    private final ListenerLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<Session, SessionGuard> guards = new ConcurrentHashMap<>();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final InboundCounters counters;

    /**
     * @param limits the listener's limits
     * @param counters the listener's counters
     */
    public ListenerSessions(ListenerLimits limits, InboundCounters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    /** @return an unbound listening socket whose connections carry a guard */
    public ServerSocket newServerSocket() throws IOException {
        return new GuardedSocket.Server(() -> new SessionGuard(limits, this::busy));
    }

    /** @return true while three quarters of the connections allowed are open: the shorter command timeout applies */
    boolean busy() {
        return open.get() * 4L >= limits.maxConnections() * 3L;
    }

    /** @return connections refused for a connection cap since the start */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    /**
     * @param session a session of this listener
     * @return its guard
     */
    SessionGuard guard(Session session) {
        SessionGuard g = guards.get(session);
        if (g == null) {
            throw new IllegalStateException("no guard for session " + session.getSessionId());
        }
        return g;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = session.getRealRemoteAddress().getAddress();
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            return refuse(session, "4.7.0 Error: too many connections (" + limits.maxConnections()
                    + "); try again later");
        }
        boolean[] over = new boolean[1];
        perClient.compute(client, (k, v) -> {
            int n = v == null ? 0 : v;
            over[0] = n >= limits.maxConnectionsPerClient();
            return over[0] ? v : Integer.valueOf(n + 1);
        });
        if (over[0]) {
            open.decrementAndGet();
            return refuse(session, "4.7.0 Error: too many connections from " + client.getHostAddress() + " ("
                    + limits.maxConnectionsPerClient() + "); try again later");
        }
        if (!(session.getSocket() instanceof GuardedSocket socket)) {
            throw new IllegalStateException("the listener's sessions must come from its own server socket");
        }
        guards.put(session, socket.guard());
        LOG.info("{}: connect from {}", session.getSessionId(), client.getHostAddress());
        return SessionAcceptance.success();
    }

    private SessionAcceptance refuse(Session session, String text) {
        refusedConnections.incrementAndGet();
        counters.count("listener.refused.connections");
        LOG.info("{}: refused connection from {}: 421 {}", session.getSessionId(),
                session.getRealRemoteAddress().getAddress().getHostAddress(), text);
        return SessionAcceptance.failure(421, text);
    }

    @Override
    public void onSessionEnd(Session session) {
        InetAddress client = session.getRealRemoteAddress().getAddress();
        perClient.computeIfPresent(client, (k, v) -> v <= 1 ? null : v - 1);
        open.decrementAndGet();
        SessionGuard g = guards.remove(session);
        if (g != null && LOG.isInfoEnabled()) {
            LOG.info("{}: disconnect from {} after {} s: {}", session.getSessionId(), client.getHostAddress(),
                    String.format(java.util.Locale.ROOT, "%.2f", g.age()), g.commandSummary());
        }
    }
}
