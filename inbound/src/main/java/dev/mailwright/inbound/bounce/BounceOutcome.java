package dev.mailwright.inbound.bounce;

import java.util.Objects;

/**
 * What {@link BounceRecognizer#recognize} found: an expected outcome, never an exception. Only a
 * {@link Bounce} may change the suppression list; every other outcome names its reason.
 */
public sealed interface BounceOutcome {

    /** Ordinary mail: no bounce address among its recipients and no report in it. The pipeline goes on. */
    record NotABounce() implements BounceOutcome {
    }

    /**
     * A report sent to a verified bounce address.
     *
     * @param event the notification, recipient and classification
     */
    record Bounce(BounceEvent event) implements BounceOutcome {
        /** Validates. */
        public Bounce {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A bounce or complaint that no verified bounce address names (sent to the no-reply address, or
     * about mail sent without bounce addresses): it cannot be attributed and changes nothing.
     *
     * @param format the shape it arrived in
     * @param reason why it is not attributed
     */
    record Unattributed(BounceFormat format, String reason) implements BounceOutcome {
        /** Validates. */
        public Unattributed {
            Objects.requireNonNull(format, "format");
            reason = Texts.line(reason);
        }
    }

    /**
     * Sent to an address shaped like a bounce address whose signature does not verify: forged, or
     * signed by a key since removed. Nothing it claims is acted on.
     *
     * @param address the address, as given
     * @param reason what did not verify
     */
    record Forged(String address, String reason) implements BounceOutcome {
        /** Validates. */
        public Forged {
            address = Texts.line(address);
            reason = Texts.line(reason);
        }
    }

    /**
     * The message cannot be read as MIME, or breaks a limit (size, parts, nesting): nothing is
     * attributed.
     *
     * @param reason what is wrong, naming the limit
     */
    record Unreadable(String reason) implements BounceOutcome {
        /** Validates. */
        public Unreadable {
            reason = Texts.line(reason);
        }
    }
}
