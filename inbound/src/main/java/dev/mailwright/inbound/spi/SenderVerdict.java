package dev.mailwright.inbound.spi;

import java.util.Objects;

/**
 * What a {@link SenderCheck} decided.
 *
 * @param accepted whether the reply may be delivered
 * @param reason why, in plain words (recorded with the reply or the rejection)
 */
public record SenderVerdict(boolean accepted, String reason) {
    /** Validates the fields. */
    public SenderVerdict {
        Objects.requireNonNull(reason, "reason");
    }

    /** @param reason why @return an accepting verdict */
    public static SenderVerdict accept(String reason) {
        return new SenderVerdict(true, reason);
    }

    /** @param reason why @return a refusing verdict */
    public static SenderVerdict refuse(String reason) {
        return new SenderVerdict(false, reason);
    }
}
