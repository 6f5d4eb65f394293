package dev.mailwright.inbound;

import dev.mailwright.core.BuilderState;
import dev.mailwright.inbound.internal.Backoff;
import dev.mailwright.inbound.internal.Checks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The properties {@link ImapSource.Builder} and {@link Pop3Source.Builder} share; setters are named
 * after the properties.
 *
 * @param <B> the concrete builder
 */
abstract class MailboxSourceBuilder<B extends MailboxSourceBuilder<B>> {
    final MailboxAccount account;
    final BuilderState state;
    Path stateDirectory;
    long batchBytes = 16L << 20;
    long streamAbove = 1L << 20;
    long maxMessageBytes = InboundDefaults.MAX_MESSAGE_BYTES;
    Duration minBackoff = Duration.ofSeconds(1);
    Duration maxBackoff = Duration.ofMinutes(5);
    Clock clock = Clock.systemUTC();

    MailboxSourceBuilder(MailboxAccount account, MailboxAccount.Protocol protocol, String source) {
        this.account = Objects.requireNonNull(account, "account");
        this.state = new BuilderState(source + ".Builder");
        if (account.protocol() != protocol) {
            throw new IllegalArgumentException(source + " needs a " + protocol.name().toLowerCase(java.util.Locale.ROOT)
                    + " account, got " + account);
        }
    }

    abstract B self();

    /** @param dir where the source keeps its state ({@code filed.log}, large bodies, ...) @return this */
    public B stateDirectory(Path dir) {
        this.stateDirectory = state.set("stateDirectory", dir);
        return self();
    }

    /** @param bytes the most bytes of messages claimed at once; 16 MiB by default @return this */
    public B batchBytes(long bytes) {
        this.batchBytes = Checks.positive(state.set("batchBytes", bytes), "batchBytes");
        return self();
    }

    /** @param bytes larger bodies are streamed through a file of the state directory; 1 MiB by default @return this */
    public B streamAbove(long bytes) {
        this.streamAbove = Checks.positive(state.set("streamAbove", bytes), "streamAbove");
        return self();
    }

    /** @param bytes larger messages are filed as failure without being downloaded; 25 MiB by default @return this */
    public B maxMessageBytes(long bytes) {
        this.maxMessageBytes = Checks.positive(state.set("maxMessageBytes", bytes), "maxMessageBytes");
        return self();
    }

    /**
     * @param min the wait before the first reconnection; 1 second by default
     * @param max the longest wait between reconnections; 5 minutes by default
     * @return this
     */
    public B reconnectBackoff(Duration min, Duration max) {
        new Backoff(min, max);
        state.set("reconnectBackoff", java.util.List.of(min, max));
        this.minBackoff = min;
        this.maxBackoff = max;
        return self();
    }

    /** @param clock the clock of retries and reconnections @return this */
    public B clock(Clock clock) {
        this.clock = state.set("clock", clock);
        return self();
    }

    /** @param source the source's name, for the message @throws IllegalStateException without a state directory */
    void requireStateDirectory(String source) {
        if (stateDirectory == null) {
            throw new IllegalStateException(source + " needs: stateDirectory (for filed.log, its state and large bodies)");
        }
    }
}
