package dev.mailwright.inbound.spi;

import dev.mailwright.inbound.Disposition;
import java.util.Objects;

/**
 * What an {@link InboundStage} decided: go on to the next stage, or stop with a disposition.
 * Obtained from {@link StageContext#pass()} and {@link StageContext#stop}.
 */
public sealed interface StageResult {

    /** The message goes on to the next stage. */
    record Pass() implements StageResult {
    }

    /**
     * The message stops here and is filed with this disposition.
     *
     * @param disposition what became of it
     * @param notifySender whether a rejection may be answered with a (throttled) notice to the
     *     sender; never for automated mail, never for mail whose reply address was not the envelope
     *     recipient (no backscatter)
     */
    record Stop(Disposition disposition, boolean notifySender) implements StageResult {
        /** Validates the fields. */
        public Stop {
            Objects.requireNonNull(disposition, "disposition");
        }
    }
}
