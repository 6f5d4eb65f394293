package dev.mailwright.core;

import java.util.Objects;

/**
 * The outcome of {@link BounceAddressCodec#decode(String)}: an expected outcome, never an
 * exception.
 */
public sealed interface BounceAddressResult {

    /** @return true only for {@link Valid} */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * The address is well formed, for our bounce domain, and a key of the ring signed it: mail to
     * it is about exactly this notification and recipient.
     *
     * @param target the notification and recipient
     * @param signedWithCurrentKey false when a verify-only (older) key signed it
     */
    record Valid(BounceTarget target, boolean signedWithCurrentKey) implements BounceAddressResult {
        /** Validates the fields. */
        public Valid {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * The text is not a bounce address, or one of its parts has the wrong shape.
     *
     * @param reason what is wrong, naming the part
     */
    record Malformed(String reason) implements BounceAddressResult {
        /** Validates the fields. */
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The address has the shape of a bounce address but belongs to another domain.
     *
     * @param domain the domain found
     * @param expected the bounce domain
     */
    record WrongDomain(String domain, String expected) implements BounceAddressResult {
        /** Validates the fields. */
        public WrongDomain {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(expected, "expected");
        }
    }

    /**
     * Well formed and for our domain, but no key of the ring signed it: forged, changed on the
     * way, or signed by a key since removed. Nothing it claims may be acted on.
     *
     * @param claimed what the address claims (not to be trusted)
     */
    record Forged(BounceTarget claimed) implements BounceAddressResult {
        /** Validates the fields. */
        public Forged {
            Objects.requireNonNull(claimed, "claimed");
        }
    }
}
