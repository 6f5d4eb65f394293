package dev.mailwright.inbound.bounce;

import dev.mailwright.core.EmailAddresses;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.suppression.SuppressionEntry;
import dev.mailwright.core.suppression.SuppressionList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounce, complaint or auto-reply about one notification, attributed through its signed bounce
 * address: {@code recipient} and {@code notification} come from the address the report was sent
 * to (verified), never from the report's text.
 *
 * @param recipient the address the notification was sent to, lower case
 * @param notification the thread and user of the notification
 * @param classification what the report says about the address
 * @param format the shape the report arrived in
 * @param reportedRecipients the recipients the report itself names (lower case, at most 20): for
 *     the record only, never suppressed (they may not be ours)
 * @param recipientNamed true when the report names {@code recipient} (or names nobody); false for a
 *     report about another address, such as one the recipient forwards to: its hard bounce then
 *     counts as soft
 * @param reportingMta the system that wrote the report ({@code Reporting-MTA}, the sender's
 *     domain), "" when unknown
 * @param eventId the report's Message-ID, "" when it has none: the suppression list counts one
 *     report once
 */
public record BounceEvent(String recipient, ReplyTarget notification, BounceClassification classification,
        BounceFormat format, List<String> reportedRecipients, boolean recipientNamed, String reportingMta, String eventId) {
    /** Validates and copies. */
    public BounceEvent {
        recipient = EmailAddresses.require(recipient, "bounced recipient").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(format, "format");
        reportedRecipients = List.copyOf(reportedRecipients);
        reportingMta = Texts.line(reportingMta);
        eventId = Texts.line(eventId);
    }

    /**
     * Counts this event in the suppression list, when its classification counts.
     *
     * @param list the suppression list
     * @return the recipient's entry after counting; empty for an auto-reply or an undetermined report
     */
    public Optional<SuppressionEntry> recordIn(SuppressionList list) {
        Objects.requireNonNull(list, "list");
        return classification.problem().map(p -> list.record(recipient, p, classification.detail(), eventId));
    }
}
