package dev.mailwright.inbound.spi;

/**
 * The host's hook that decides whether the {@code From} address belongs to the user the reply
 * address was issued to (for example: is it one of the user's verified emails, and did DMARC pass).
 */
@FunctionalInterface
public interface SenderCheck {
    /** Accepts every sender and records that no check was made, with the authentication results. */
    SenderCheck ACCEPT_ALL = input -> SenderVerdict.accept("not checked (no sender check configured); "
            + "dkim=" + input.authentication().dkim() + " spf=" + input.authentication().spf()
            + " dmarc=" + input.authentication().dmarc());

    /**
     * @param input the verified target, the sender and the authentication results
     * @return the verdict; a refusal files the message as failure with its reason
     */
    SenderVerdict check(SenderCheckInput input);
}
