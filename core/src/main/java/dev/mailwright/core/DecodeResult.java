package dev.mailwright.core;

import java.util.Objects;

/**
 * The outcome of {@link ReplyAddressCodec#decode(String)}: an expected outcome, never an
 * exception. A reply address gives {@link Valid} or {@link Forged}; a new-thread address gives
 * {@link ValidNewThread} or {@link ForgedNewThread}; either may be {@link Malformed} or for the
 * {@link WrongDomain}.
 */
public sealed interface DecodeResult {

    /** @return true only for {@link Valid}: a verified reply address (an existing thread) */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /** @return true for {@link Valid} and {@link ValidNewThread}: verified by a key of the ring */
    default boolean isVerified() {
        return this instanceof Valid || this instanceof ValidNewThread;
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

    /**
     * A new-thread address, well formed, for our domain, and signed by a key of the ring.
     *
     * @param scope the place where the mail opens a new thread
     * @param signedWithCurrentKey false when a verify-only (older) key signed it
     */
    record ValidNewThread(NewThreadScope scope, boolean signedWithCurrentKey) implements DecodeResult {
        /** Validates the fields. */
        public ValidNewThread {
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * A new-thread address, well formed and for our domain, that no key of the ring signed.
     *
     * @param claimed the place the address claims (not to be trusted)
     */
    record ForgedNewThread(NewThreadScope claimed) implements DecodeResult {
        /** Validates the fields. */
        public ForgedNewThread {
            Objects.requireNonNull(claimed, "claimed");
        }
    }
}
