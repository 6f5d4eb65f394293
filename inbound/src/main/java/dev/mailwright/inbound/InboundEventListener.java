package dev.mailwright.inbound;

import dev.mailwright.inbound.spi.SourceMessage;
import dev.mailwright.inbound.spi.StageResult;
import java.time.Duration;

/**
 * Told what the pipeline does with each message, with durations, in the style of OkHttp's
 * {@code EventListener}: for metrics (counters by disposition and code, timers per stage), tracing
 * or logs. Every method does nothing by default; {@link #NONE} is the default listener.
 *
 * <p>For one message the calls come in order: {@link #messageReceived}, then {@link #stageFinished}
 * for each stage it went through (the last one with a {@link StageResult.Stop}), with
 * {@link #handlerCalled} inside the stage that called a host handler, then {@link #messageFiled}.
 * The {@code deliver} stage runs once for a whole batch: its duration is the batch's.
 *
 * <p>Called on the threads that drain sources, several at once when several sources are drained:
 * implementations must be thread-safe and fast. An exception thrown by a listener is logged and
 * otherwise ignored; it never changes what becomes of a message.
 */
public interface InboundEventListener {
    /** The listener that does nothing. */
    InboundEventListener NONE = new InboundEventListener() {
    };

    /**
     * @param message the message, as claimed from its source
     */
    default void messageReceived(SourceMessage message) {
    }

    /**
     * @param message the message
     * @param stage the stage's name
     * @param result what it decided: pass, or stop with the disposition
     * @param duration how long it took
     */
    default void stageFinished(SourceMessage message, String stage, StageResult result, Duration duration) {
    }

    /**
     * @param message the message
     * @param handler which host handler: {@code reply}, {@code new-thread}, {@code unsubscribe} or {@code bounce}
     * @param outcome what the call came to: the disposition when it returned, a
     *     {@link Disposition.RetryLater} or {@code Rejected handler.failed} when it threw
     * @param duration how long the call took
     */
    default void handlerCalled(SourceMessage message, String handler, Disposition outcome, Duration duration) {
    }

    /**
     * @param message the message
     * @param disposition how it was filed
     * @param stage the stage that decided
     * @param duration from {@link #messageReceived} to filing
     */
    default void messageFiled(SourceMessage message, Disposition disposition, String stage, Duration duration) {
    }
}
