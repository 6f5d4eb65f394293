package dev.mailwright.inbound.internal.bounce;

import dev.mailwright.inbound.bounce.BounceClassification;
import dev.mailwright.inbound.bounce.BounceFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a report says, before it is attributed to a recipient.
 *
 * @param format the shape of the report
 * @param reportingMta who wrote it, "" when unknown
 * @param groups one per recipient the report describes (a text bounce has one, its address maybe "")
 * @param fixed the classification whatever the recipient (a complaint, an auto-reply, a malformed
 *     report), or null to classify from the groups
 * @param reported the recipients the report names, lower case
 * @param senders addresses the report gives for the original envelope sender (ARF's
 *     {@code Original-Mail-From}, the returned message's {@code Return-Path}), to attribute it
 */
record Report(BounceFormat format, String reportingMta, List<Group> groups, BounceClassification fixed,
        List<String> reported, List<String> senders) {
    Report {
        Objects.requireNonNull(format, "format");
        groups = List.copyOf(groups);
        reported = List.copyOf(reported);
        senders = List.copyOf(senders);
    }

    /**
     * One recipient's fields.
     *
     * @param finalRecipient the recipient, lower case, "" when not given
     * @param originalRecipient the recipient as first addressed, lower case, "" when not given
     * @param action failed, delayed, delivered, relayed or expanded (lower case); {@code unknown} for a
     *     text bounce that does not say whether the failure is permanent
     * @param status the enhanced status code, "" when not given
     * @param diagnostic the server's words, "" when not given
     */
    record Group(String finalRecipient, String originalRecipient, String action, String status, String diagnostic) {
        boolean names(String address) {
            return finalRecipient.equals(address) || originalRecipient.equals(address);
        }

        boolean failing() {
            return action.equals("failed") || action.equals("delayed") || action.equals("unknown");
        }
    }
}
