package dev.mailwright.core.suppression;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bounce, a refused recipient or a complaint says about an address, for its score.
 */
public enum DeliveryProblem {
    /** The address does not work and will not: unknown user, disabled mailbox, no such domain (5.1.x, 5.2.1). */
    HARD_BOUNCE,
    /** Delivery failed for now or for reasons not tied to the address: mailbox full, 4.x.x, policy, system trouble. */
    SOFT_BOUNCE,
    /** The recipient reported the message as spam or abuse (an ARF report, RFC 5965): suppressed at once. */
    COMPLAINT;

    private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    /**
     * Classifies an SMTP failure with the enhanced status code (RFC 3463) when there is one, else
     * the reply code. Hard: 5.1.1 bad mailbox, 5.1.2 bad domain, 5.1.3 bad address syntax, 5.1.6
     * moved, 5.1.10 null MX, 5.2.1 mailbox disabled, and 550/551/553 without an enhanced code. Soft:
     * every 4.x.x, 5.2.2 mailbox full and the other 5.x.x (system, network, policy, content: not a
     * fault of the address, so they count less), and 552/554 without an enhanced code.
     *
     * @param replyCode the SMTP reply code, or 0 when there is none (a DSN's Status field only)
     * @param enhancedStatus the enhanced status code such as {@code 5.1.1}, or null
     * @return the problem; empty for a success (2.x.x), a reply below 400, or nothing to classify
     */
    public static Optional<DeliveryProblem> classify(int replyCode, String enhancedStatus) {
        Matcher m = enhancedStatus == null ? null : STATUS.matcher(enhancedStatus.strip());
        if (m != null && m.matches()) {
            return classify(m.group(1).charAt(0) - '0', Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        if (replyCode >= 400 && replyCode < 500) {
            return Optional.of(SOFT_BOUNCE);
        }
        if (replyCode == 550 || replyCode == 551 || replyCode == 553) {
            return Optional.of(HARD_BOUNCE);
        }
        return replyCode >= 500 && replyCode < 600 ? Optional.of(SOFT_BOUNCE) : Optional.empty();
    }

    private static Optional<DeliveryProblem> classify(int klass, int subject, int detail) {
        if (klass == 2) {
            return Optional.empty();
        }
        if (klass == 4) {
            return Optional.of(SOFT_BOUNCE);
        }
        boolean badAddress = subject == 1 && (detail == 1 || detail == 2 || detail == 3 || detail == 6 || detail == 10);
        boolean disabled = subject == 2 && detail == 1;
        return Optional.of(badAddress || disabled ? HARD_BOUNCE : SOFT_BOUNCE);
    }
}
