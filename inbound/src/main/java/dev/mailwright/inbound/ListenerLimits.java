package dev.mailwright.inbound;

import dev.mailwright.core.BuilderState;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that bounds what one SMTP client can make the {@link InboundListener} spend: time,
 * connections, recipients and bytes. The defaults are Postfix's where Postfix has the same limit
 * ({@code smtpd_timeout}, {@code smtpd_min_data_rate}, {@code smtpd_client_connection_count_limit},
 * {@code smtpd_recipient_limit}); {@code docs/inbound.md} ("Running on port 25") compares them.
 *
 * <pre>{@code
 * ListenerLimits limits = ListenerLimits.builder().maxConnectionsPerClient(20)
 *         .commandTimeout(Duration.ofMinutes(2)).build();
 * InboundListener.builder()...limits(limits).build();
 * }</pre>
 *
 * @param commandTimeout the time a client has to send a whole command once the previous reply was
 *     sent (Postfix's {@code smtpd_timeout} with {@code smtpd_per_request_deadline = yes}); 300 s
 * @param busyCommandTimeout the same while the listener holds three quarters of
 *     {@code maxConnections} or more, so that idle clients cannot keep others out (Postfix's
 *     stress-dependent {@code smtpd_timeout}; the shorter of the two applies); 10 s
 * @param minDataRate the slowest a message may arrive, in bytes per second: each byte read extends
 *     the DATA deadline by {@code 1 / minDataRate} seconds, never beyond {@code commandTimeout}
 *     (Postfix's {@code smtpd_min_data_rate}); 500
 * @param sessionDeadline the longest one connection may last, whatever it does; 30 minutes
 * @param maxConnections the most connections at once; the next one is answered {@code 421}; 500
 * @param maxConnectionsPerClient the most connections at once from one client address (Postfix's
 *     {@code smtpd_client_connection_count_limit}); 50
 * @param maxRecipients the most recipients per message ({@code smtpd_recipient_limit}); 1000
 * @param maxMessageBytes the message size limit, advertised with {@code SIZE} and enforced while
 *     the message arrives ({@code message_size_limit} is 10 MB in Postfix); 25 MiB
 * @param backlog how many connections the kernel may queue before the listener accepts them
 *     (capped by {@code net.core.somaxconn}); 1024
 */
public record ListenerLimits(Duration commandTimeout, Duration busyCommandTimeout, int minDataRate,
        Duration sessionDeadline, int maxConnections, int maxConnectionsPerClient, int maxRecipients,
        long maxMessageBytes, int backlog) {

    /** The defaults listed above. */
    public static final ListenerLimits DEFAULTS = new ListenerLimits(Duration.ofSeconds(300), Duration.ofSeconds(10),
            500, Duration.ofMinutes(30), 500, 50, 1000, InboundDefaults.MAX_MESSAGE_BYTES, 1024);

    /** Checks every value, naming the first one that is out of range. */
    public ListenerLimits {
        positive(commandTimeout, "commandTimeout");
        positive(busyCommandTimeout, "busyCommandTimeout");
        positive(sessionDeadline, "sessionDeadline");
        atLeast(minDataRate, 1, "minDataRate (bytes per second)");
        atLeast(maxConnections, 1, "maxConnections");
        atLeast(maxConnectionsPerClient, 1, "maxConnectionsPerClient");
        atLeast(maxRecipients, 1, "maxRecipients");
        atLeast(maxMessageBytes, 1, "maxMessageBytes");
        atLeast(backlog, 1, "backlog");
        if (maxConnectionsPerClient > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerClient (" + maxConnectionsPerClient
                    + ") must not exceed maxConnections (" + maxConnections + ")");
        }
    }

    /** @return a builder starting from {@link #DEFAULTS} */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** @return a builder starting from these limits */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void atLeast(long value, long min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    /** Builds {@link ListenerLimits}; each property may be set once. */
    public static final class Builder {
        private final BuilderState state = new BuilderState("ListenerLimits.Builder");
        private Duration commandTimeout;
        private Duration busyCommandTimeout;
        private int minDataRate;
        private Duration sessionDeadline;
        private int maxConnections;
        private int maxConnectionsPerClient;
        private int maxRecipients;
        private long maxMessageBytes;
        private int backlog;

        private Builder(ListenerLimits from) {
            commandTimeout = from.commandTimeout;
            busyCommandTimeout = from.busyCommandTimeout;
            minDataRate = from.minDataRate;
            sessionDeadline = from.sessionDeadline;
            maxConnections = from.maxConnections;
            maxConnectionsPerClient = from.maxConnectionsPerClient;
            maxRecipients = from.maxRecipients;
            maxMessageBytes = from.maxMessageBytes;
            backlog = from.backlog;
        }

        private void once(String name, Object value) {
            state.set(name, value);
        }

        /** @param timeout see {@link ListenerLimits#commandTimeout()} @return this */
        public Builder commandTimeout(Duration timeout) {
            once("commandTimeout", timeout);
            this.commandTimeout = timeout;
            return this;
        }

        /** @param timeout see {@link ListenerLimits#busyCommandTimeout()} @return this */
        public Builder busyCommandTimeout(Duration timeout) {
            once("busyCommandTimeout", timeout);
            this.busyCommandTimeout = timeout;
            return this;
        }

        /** @param bytesPerSecond see {@link ListenerLimits#minDataRate()} @return this */
        public Builder minDataRate(int bytesPerSecond) {
            once("minDataRate", bytesPerSecond);
            this.minDataRate = bytesPerSecond;
            return this;
        }

        /** @param deadline see {@link ListenerLimits#sessionDeadline()} @return this */
        public Builder sessionDeadline(Duration deadline) {
            once("sessionDeadline", deadline);
            this.sessionDeadline = deadline;
            return this;
        }

        /** @param connections see {@link ListenerLimits#maxConnections()} @return this */
        public Builder maxConnections(int connections) {
            once("maxConnections", connections);
            this.maxConnections = connections;
            return this;
        }

        /** @param connections see {@link ListenerLimits#maxConnectionsPerClient()} @return this */
        public Builder maxConnectionsPerClient(int connections) {
            once("maxConnectionsPerClient", connections);
            this.maxConnectionsPerClient = connections;
            return this;
        }

        /** @param recipients see {@link ListenerLimits#maxRecipients()} @return this */
        public Builder maxRecipients(int recipients) {
            once("maxRecipients", recipients);
            this.maxRecipients = recipients;
            return this;
        }

        /** @param bytes see {@link ListenerLimits#maxMessageBytes()} @return this */
        public Builder maxMessageBytes(long bytes) {
            once("maxMessageBytes", bytes);
            this.maxMessageBytes = bytes;
            return this;
        }

        /** @param connections see {@link ListenerLimits#backlog()} @return this */
        public Builder backlog(int connections) {
            once("backlog", connections);
            this.backlog = connections;
            return this;
        }

        /**
         * @return the limits
         * @throws IllegalArgumentException naming the value out of range
         */
        public ListenerLimits build() {
            return new ListenerLimits(commandTimeout, busyCommandTimeout, minDataRate, sessionDeadline, maxConnections,
                    maxConnectionsPerClient, maxRecipients, maxMessageBytes, backlog);
        }
    }
}
