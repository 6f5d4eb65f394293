package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.InboundEventListener;
import dev.mailwright.inbound.spi.SourceMessage;
import dev.mailwright.inbound.spi.StageResult;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the host's {@link InboundEventListener}, never letting its exceptions reach the pipeline.
 *
 * @param listener the host's listener
 */
public record Events(InboundEventListener listener) {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    /** Validates the field. */
    public Events {
        Objects.requireNonNull(listener, "listener");
    }

    /** @return whether anyone listens (timing is skipped otherwise) */
    boolean on() {
        return listener != InboundEventListener.NONE;
    }

    void received(SourceMessage m) {
        if (on()) {
            guard(() -> listener.messageReceived(m));
        }
    }

    void stage(SourceMessage m, String stage, StageResult result, long startNanos) {
        if (on()) {
            Duration d = Duration.ofNanos(System.nanoTime() - startNanos);
            guard(() -> listener.stageFinished(m, stage, result, d));
        }
    }

    void handler(SourceMessage m, String handler, Disposition outcome, long startNanos) {
        if (on()) {
            Duration d = Duration.ofNanos(System.nanoTime() - startNanos);
            guard(() -> listener.handlerCalled(m, handler, outcome, d));
        }
    }

    void filed(SourceMessage m, Disposition disposition, String stage, long startNanos) {
        if (on()) {
            Duration d = Duration.ofNanos(System.nanoTime() - startNanos);
            guard(() -> listener.messageFiled(m, disposition, stage, d));
        }
    }

    private void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("The inbound event listener failed: {}", e.toString());
        }
    }
}
