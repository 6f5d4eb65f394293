package dev.mailwright.smtp.internal;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.SmtpFailure;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of SMTP connections: at most {@code maxSize} at once, each carrying at most
 * {@code maxMessages} messages, closed after {@code idleTimeout} without use, checked with NOOP
 * when idle longer than {@code staleCheckAfter}, and replaced once when a reused connection turns
 * out dead before the message was written. Waiting for a free connection is bounded by
 * {@code connectionWait} and the message's deadline. Thread-safe.
 */
public final class SmtpPool {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpPool.class);

    /**
     * The pool's limits.
     *
     * @param maxSize connections at most
     * @param maxMessages messages per connection at most
     * @param idleTimeout an idle connection older than this is closed
     * @param staleCheckAfter an idle connection older than this is checked with NOOP before use
     * @param connectionWait the longest wait for a free connection
     * @param closeTimeout how long {@link #close()} waits for sends in progress
     */
    public record Limits(int maxSize, int maxMessages, Duration idleTimeout, Duration staleCheckAfter,
            Duration connectionWait, Duration closeTimeout) {
    }

    private static final class Connection {
        final PipeliningTransport transport;
        final java.net.Socket socket;
        long lastUsed = System.nanoTime();
        int sent;

        Connection(PipeliningTransport transport, java.net.Socket socket) {
            this.transport = transport;
            this.socket = socket;
        }
    }

    private final Session session;
    private final EmailSettings settings;
    private final Limits limits;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Watchdog watchdog;
    private final long transactionLimitNanos;
    private volatile boolean closed;

    /**
     * @param properties the Angus session properties (from {@link AngusSessionProperties} and the
     *     caller's); the pool wraps the configured socket factory to watch sends, and replaces
     *     Angus's per-write timer with its watchdog
     * @param settings for the host, port, credentials and timeouts
     * @param limits the pool's limits
     */
    public SmtpPool(java.util.Properties properties, EmailSettings settings, Limits limits) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(properties);
        SocketRecorder.install(props, AngusSessionProperties.protocol(settings));
        this.session = Session.getInstance(props);
        this.settings = settings;
        this.limits = limits;
        this.permits = new Semaphore(limits.maxSize());
        this.transactionLimitNanos = settings.writeTimeout().plus(settings.readTimeout()).toNanos();
        Duration shortest = settings.writeTimeout().compareTo(settings.readTimeout()) < 0 ? settings.writeTimeout()
                : settings.readTimeout();
        this.watchdog = new Watchdog("mailwright-smtp-watchdog " + where(), shortest.dividedBy(10));
    }

    /**
     * @param m the message
     * @return the result of one attempt (plus at most one silent reconnect for a dead pooled connection)
     */
    public SendResult send(OutgoingMessage m) {
        long waitNanos = Math.min(limits.connectionWait().toNanos(),
                Math.max(0, Duration.between(java.time.Instant.now(), m.deadline()).toNanos()));
        try {
            if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                return failed(m, FailureClass.POOL_EXHAUSTED, "no SMTP connection became free within "
                        + Duration.ofNanos(waitNanos).toMillis() + " ms (pool of " + limits.maxSize() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(m, FailureClass.UNKNOWN, "interrupted while waiting for an SMTP connection");
        }
        try {
            return sendWithPermit(m);
        } finally {
            permits.release();
        }
    }

    private SendResult sendWithPermit(OutgoingMessage m) {
        if (closed) {
            return failed(m, FailureClass.UNKNOWN, "the SMTP transport is closed");
        }
        Connection c = takeIdle();
        boolean reused = c != null;
        if (c == null) {
            try {
                c = connect();
            } catch (ConnectFailure e) {
                return e.result(m);
            }
        }
        SmtpSender.Attempt attempt = watched(c, m);
        if (!attempt.connectionUsable() && reused && attempt.beforeData()
                && attempt.result() instanceof SendResult.Failed f && f.reply() == null) {
            LOG.debug("pooled connection to {} was dead ({}); reconnecting once", where(), f.category());
            quietClose(c);
            try {
                c = connect();
            } catch (ConnectFailure e) {
                return e.result(m);
            }
            attempt = watched(c, m);
        }
        c.sent++;
        c.lastUsed = System.nanoTime();
        if (attempt.connectionUsable() && c.sent < limits.maxMessages() && !closed) {
            idle.offerFirst(c);
        } else {
            quietClose(c);
        }
        return attempt.result();
    }

    /** Sends under the watchdog: past the deadline, or write plus read timeout, the socket is closed. */
    private SmtpSender.Attempt watched(Connection c, OutgoingMessage m) {
        long untilDeadline = Duration.between(java.time.Instant.now(), m.deadline()).toNanos();
        long limit = Math.max(0, Math.min(untilDeadline, transactionLimitNanos));
        Watchdog.Watch watch = watchdog.start(c.socket, limit);
        SmtpSender.Attempt attempt;
        try {
            attempt = SmtpSender.send(c.transport, m);
        } finally {
            watchdog.done(watch);
        }
        if (watch.fired && attempt.result().isSent()) {
            // the watchdog fired just as the server accepted: keep the result, drop the connection
            return new SmtpSender.Attempt(attempt.result(), false, false);
        }
        if (watch.fired) {
            String detail = "the send to " + where() + " took longer than " + Duration.ofNanos(limit).toMillis()
                    + " ms (the deadline, or the write plus read timeout) and was aborted";
            return new SmtpSender.Attempt(failed(m, FailureClass.SERVER_TIMEOUT, detail), false, false);
        }
        return attempt;
    }

    private Connection takeIdle() {
        long now = System.nanoTime();
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            long idleNanos = now - c.lastUsed;
            if (idleNanos > limits.idleTimeout().toNanos()) {
                quietClose(c);
                continue;
            }
            if (idleNanos > limits.staleCheckAfter().toNanos() && !c.transport.isConnected()) {
                LOG.debug("idle connection to {} went stale; discarding it", where());
                quietClose(c);
                continue;
            }
            expireIdle(now);
            return c;
        }
        return null;
    }

    private void expireIdle(long now) {
        Connection oldest;
        while ((oldest = idle.peekLast()) != null && now - oldest.lastUsed > limits.idleTimeout().toNanos()) {
            if (idle.removeLastOccurrence(oldest)) {
                quietClose(oldest);
            }
        }
    }

    /** A connection that could not be made, classified with what its conversation showed. */
    private final class ConnectFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SendFailures.Verdict verdict;

        ConnectFailure(Exception cause, SmtpFailure.Conversation conversation) {
            super(cause);
            this.verdict = SendFailures.classify(cause, conversation);
        }

        /** @return the failed result: what failed (a refused login is not "cannot connect"), where, and the cause */
        SendResult result(OutgoingMessage m) {
            String detail = verdict.failure().description() + " (" + where() + "): " + SmtpSender.describe(getCause());
            return new SendResult.Failed(m.messageId(), verdict.failure(), verdict.reply(), detail, List.of(), 1);
        }
    }

    private Connection connect() throws ConnectFailure {
        PipeliningTransport t = new PipeliningTransport(session, AngusSessionProperties.protocol(settings),
                SendFailures.expectations(settings));
        try {
            return connect(t);
        } catch (MessagingException | RuntimeException e) {
            throw new ConnectFailure(e, t.conversation());
        }
    }

    private Connection connect(PipeliningTransport t) throws MessagingException {
        AuthMethod auth = settings.auth();
        String user = auth == AuthMethod.NONE ? null : settings.username().orElse(null);
        String password = switch (auth) {
            case NONE -> null;
            case XOAUTH2 -> settings.tokenSupplier().map(s -> s.get()).map(Secret::reveal).orElse(null);
            default -> settings.password().map(Secret::reveal).orElse(null);
        };
        SocketRecorder.take();
        t.connect(settings.smtpHost().orElse(null), settings.port(), user, password);
        Connection c = new Connection(t, SocketRecorder.take());
        t.directSocket(c.socket);
        if (auth != AuthMethod.NONE && !t.supportsExtension("AUTH")) {
            // Angus would silently go on without authenticating
            quietClose(c);
            throw new jakarta.mail.AuthenticationFailedException("the server " + where() + " " + SendFailures.AUTH_NOT_OFFERED + ", but the"
                    + " settings ask for " + auth.key() + " authentication; use the submission port (587) of a server that"
                    + " requires authentication, or set authentication to none for a trusted relay");
        }
        return c;
    }

    private String where() {
        return settings.smtpHost().orElse("(no host)") + ":" + settings.port();
    }

    private static void quietClose(Connection c) {
        try {
            c.transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing an SMTP connection failed: {}", e.toString());
        }
    }

    private static SendResult failed(OutgoingMessage m, FailureClass failure, String detail) {
        return new SendResult.Failed(m.messageId(), failure, null, detail, List.of(), 1);
    }

    /** @return connections idle in the pool now */
    public int idleCount() {
        return idle.size();
    }

    /** Stops new sends, waits up to the close timeout for those in progress, then QUITs every connection. */
    public void close() {
        closed = true;
        boolean drained = false;
        try {
            drained = permits.tryAcquire(limits.maxSize(), limits.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!drained) {
            LOG.warn("closing the SMTP pool for {} while sends are still in progress after {}", where(), limits.closeTimeout());
        }
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            quietClose(c);
        }
        if (drained) {
            permits.release(limits.maxSize());
        }
        watchdog.close();
    }
}
