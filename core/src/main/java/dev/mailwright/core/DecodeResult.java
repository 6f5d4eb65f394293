package dev.mailwright.core;

import java.util.Objects;

/**
 * The outcome of {@link ReplyAddressCodec#decode(String)}: an expected outcome, never an
 * exception.
 */
public sealed interface DecodeResult {

    /** @return true only for {@link Valid} */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * The address is well formed, for our domain, and its token was signed by a key of the ring.
     *
     * @param target the thread and user the address designates
     * @param signedWithCurrentKey false when a verify-only (older) key signed it
     */
    record Valid(ReplyTarget target, boolean signedWithCurrentKey) implements DecodeResult {
        /** Validates the fields. */
        public Valid {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * The text is not a reply address at all, or one of its parts has the wrong shape.
     *
     * @param reason what is wrong, naming the part
     */
    record Malformed(String reason) implements DecodeResult {
        /** Validates the fields. */
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The address has the shape of a reply address but belongs to another domain.
     *
     * @param domain the domain found
     * @param expected the domain expected, {@code reply.<hostname>}
     */
    record WrongDomain(String domain, String expected) implements DecodeResult {
        /** Validates the fields. */
        public WrongDomain {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(expected, "expected");
        }
    }

    /**
     * The address is well formed and for our domain but no key of the ring signed its token:
     * forged, tampered with, or signed by a key that has since been removed.
     *
     * @param claimed what the address claims to designate (not to be trusted)
     */
    record Forged(ReplyTarget claimed) implements DecodeResult {
        /** Validates the fields. */
        public Forged {
            Objects.requireNonNull(claimed, "claimed");
        }
    }
}
