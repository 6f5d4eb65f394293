package dev.mailwright.inbound.spi;

import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.AuthenticationResults;
import java.util.Objects;

/**
 * What a {@link SenderCheck} decides on.
 *
 * @param target the thread and user of the (verified) reply address
 * @param fromAddress the address in {@code From}, lower case
 * @param authentication the DKIM/SPF/DMARC results of a trusted receiving server, or
 *     {@link AuthenticationResults#NONE} (see {@link dev.mailwright.inbound.InboundPipeline.Builder#trustedAuthServIds})
 */
public record SenderCheckInput(ReplyTarget target, String fromAddress, AuthenticationResults authentication) {
    /** Validates the fields. */
    public SenderCheckInput {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(authentication, "authentication");
    }
}
