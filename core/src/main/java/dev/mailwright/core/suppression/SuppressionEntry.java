package dev.mailwright.core.suppression;

import dev.mailwright.core.EmailAddresses;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the suppression list knows of one address.
 *
 * @param address the address, lower case
 * @param score the bounce score (see {@link SuppressionPolicy})
 * @param hardBounces how many hard bounces were counted
 * @param softBounces how many soft bounces were counted
 * @param complaints how many complaints were counted
 * @param lastEventAt when the last bounce or complaint was counted, or null
 * @param lastProblem the last problem counted, or null
 * @param lastDetail what the last bounce said (status and diagnostic), "" when nothing; one line
 * @param lastEventId the id of the last event counted (a bounce's Message-ID), "" when none: the
 *     same event is not counted twice
 * @param suppressedAt when the address was suppressed, or null while it is not
 */
public record SuppressionEntry(String address, int score, int hardBounces, int softBounces, int complaints,
        Instant lastEventAt, DeliveryProblem lastProblem, String lastDetail, String lastEventId, Instant suppressedAt) {
    /** Validates: a valid address (stored lower case), counts not negative, one-line texts. */
    public SuppressionEntry {
        address = EmailAddresses.require(address, "suppressed address").toLowerCase(Locale.ROOT);
        if (score < 0 || hardBounces < 0 || softBounces < 0 || complaints < 0) {
            throw new IllegalArgumentException("negative score or count for " + address);
        }
        lastDetail = oneLine(lastDetail, "lastDetail");
        lastEventId = oneLine(lastEventId, "lastEventId");
    }

    private static String oneLine(String s, String what) {
        Objects.requireNonNull(s, what);
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /**
     * @param address an address
     * @return an entry with nothing counted
     */
    public static SuppressionEntry empty(String address) {
        return new SuppressionEntry(address, 0, 0, 0, 0, null, null, "", "", null);
    }

    /** @return true when mail to the address is suppressed */
    public boolean isSuppressed() {
        return suppressedAt != null;
    }

    /** @return when it was suppressed, if it is */
    public Optional<Instant> suppressed() {
        return Optional.ofNullable(suppressedAt);
    }
}
