package dev.mailwright.inbound;

/**
 * A callback the host can wire to its mailer to tell the author of a rejected reply what went
 * wrong. The pipeline throttles it (one notice per sender and reason per day) and never calls it
 * for automated mail. A notifier that throws is logged and ignored.
 */
@FunctionalInterface
public interface RejectionNotifier {
    /** Sends nothing. */
    RejectionNotifier NONE = notice -> { };

    /** @param notice the notice to send */
    void notify(RejectionNotice notice);
}
