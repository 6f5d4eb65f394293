package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.ListenerLimits;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The deadlines of one SMTP connection, checked before every read from the client (the read
 * timeout of the socket is set to what is left): the whole session's deadline, the current
 * request's ({@link ListenerLimits#commandTimeout()}, re-armed each time a reply is sent, shorter
 * while the listener is busy), and inside DATA a deadline that each byte received pushes back by
 * {@code 1 / minDataRate} seconds (never further than the command timeout from now), as Postfix's
 * {@code smtpd_per_request_deadline} and {@code smtpd_min_data_rate} do. Used by the connection's
 * own thread only.
 */
final class SessionGuard {
    /** A deadline passed; {@link #reply()} says which, for the {@code 421} sent before closing. */
    static final class Expired extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        Expired(String reason) {
            super(reason);
        }

        /** @return the text of the {@code 421} reply, after the code */
        String text() {
            return "4.4.2 Error: " + getMessage() + "; closing the connection";
        }
    }

    private final ListenerLimits limits;
    private final BooleanSupplier busy;
    private final long started = System.nanoTime();
    private final long sessionEnd;
    private final long nanosPerByte;
    private final Map<String, Integer> commands = new LinkedHashMap<>();
    private final long wakeNanos;
    private long requestStart;
    private long dataDeadline;
    private boolean inData;

    /**
     * @param limits the listener's limits
     * @param busy true while the listener is busy (the shorter command timeout applies)
     */
    SessionGuard(ListenerLimits limits, BooleanSupplier busy) {
        this.limits = limits;
        this.busy = busy;
        this.sessionEnd = started + limits.sessionDeadline().toNanos();
        this.nanosPerByte = TimeUnit.SECONDS.toNanos(1) / limits.minDataRate();
        this.wakeNanos = Math.min(limits.busyCommandTimeout().toNanos(), limits.commandTimeout().toNanos());
        replied();
    }

    /**
     * @return the read timeout to set before the next read, in milliseconds (at least 1): what is
     *     left of the deadline, but no more than the busy timeout, so that a waiting read looks again
     *     when the listener becomes busy (after a timeout, call {@link #passed()} and read again)
     * @throws Expired when a deadline has passed already
     */
    int beforeRead() throws Expired {
        long left = deadline() - System.nanoTime();
        if (left <= 0) {
            throw expired();
        }
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, wakeNanos) + 999_999));
    }

    /** @return true when a deadline has passed (a read that timed out ends the session), false to read again */
    boolean passed() {
        return deadline() - System.nanoTime() <= 0;
    }

    /** @param n bytes just read (inside DATA they extend its deadline) */
    void afterRead(int n) {
        if (inData && n > 0) {
            long cap = System.nanoTime() + timeout();
            dataDeadline = Math.min(cap, dataDeadline + n * nanosPerByte);
        }
    }

    /** A reply was sent: the client has a new command timeout for its next request. */
    void replied() {
        if (!inData) {
            requestStart = System.nanoTime();
        }
    }

    /** The message text starts (after {@code 354}): the minimum data rate applies until {@link #dataEnds()}. */
    void dataBegins() {
        inData = true;
        dataDeadline = System.nanoTime() + timeout();
    }

    /** @return true while a message's text (DATA or a BDAT chunk) is being read */
    boolean inData() {
        return inData;
    }

    /** The message text ended. */
    void dataEnds() {
        inData = false;
        replied();
    }

    /** @return the exception for the deadline that has passed (or the nearest one, after a read timed out) */
    Expired expired() {
        long now = System.nanoTime();
        if (sessionEnd - now <= 0 || sessionEnd - (inData ? dataDeadline : requestStart + timeout()) <= 0) {
            return new Expired("session deadline of " + seconds(limits.sessionDeadline().toNanos()) + " exceeded");
        }
        if (inData) {
            return new Expired("the message arrived more slowly than " + limits.minDataRate() + " bytes per second");
        }
        return new Expired("no complete command within " + seconds(timeout()));
    }

    /** @param name a command the client sent, counted for the disconnect line */
    void counted(String name) {
        commands.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }

    /** @return the commands counted, as Postfix's disconnect line shows them ({@code ehlo=1 mail=1 ... commands=5}) */
    String commandSummary() {
        StringBuilder b = new StringBuilder();
        int total = 0;
        for (Map.Entry<String, Integer> e : commands.entrySet()) {
            b.append(e.getKey()).append('=').append(e.getValue()).append(' ');
            total += e.getValue();
        }
        return b.append("commands=").append(total).toString();
    }

    /** @return seconds since the connection was accepted */
    double age() {
        return (System.nanoTime() - started) / 1e9;
    }

    private long deadline() {
        long phase = inData ? dataDeadline : requestStart + timeout();
        return phase - sessionEnd < 0 ? phase : sessionEnd;
    }

    private long timeout() {
        long normal = limits.commandTimeout().toNanos();
        return busy.getAsBoolean() ? Math.min(normal, limits.busyCommandTimeout().toNanos()) : normal;
    }

    private static String seconds(long nanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return s >= 60 && s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }
}
