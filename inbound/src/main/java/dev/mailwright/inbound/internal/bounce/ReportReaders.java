package dev.mailwright.inbound.internal.bounce;

import dev.mailwright.inbound.bounce.BounceClassification;
import dev.mailwright.inbound.bounce.BounceFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the machine-readable reports: delivery status (RFC 3464) and feedback (ARF, RFC 5965). */
final class ReportReaders {
    static final int MAX_REPORTED = 20;
    private static final Pattern RETURN_PATH = Pattern.compile("(?im)^Return-Path:\\s*<?([^<>\\s]+@[^<>\\s]+)>?");

    private ReportReaders() {
    }

    /**
     * @param deliveryStatus the delivery-status part's text, or null when the report has none
     * @param maxGroups the most per-recipient blocks read
     * @return the report: one group per recipient block; a fixed undetermined classification when
     *     the part is missing or names no recipient
     */
    static Report dsn(String deliveryStatus, int maxGroups) {
        if (deliveryStatus == null) {
            return malformed("a delivery report without a message/delivery-status part");
        }
        List<Map<String, String>> blocks = FieldBlocks.parse(deliveryStatus, maxGroups + 1);
        String mta = blocks.isEmpty() ? "" : FieldBlocks.address(blocks.get(0).get("reporting-mta"));
        List<Report.Group> groups = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Map<String, String> b : blocks) {
            String fin = FieldBlocks.address(b.get("final-recipient"));
            if (fin.isEmpty() || !b.containsKey("action")) {
                continue;
            }
            String orig = FieldBlocks.address(b.get("original-recipient"));
            groups.add(new Report.Group(fin, orig, b.get("action").strip().toLowerCase(Locale.ROOT),
                    Statuses.enhanced(b.getOrDefault("status", "")), diagnostic(b.getOrDefault("diagnostic-code", ""))));
            if (reported.size() < MAX_REPORTED) {
                reported.add(fin);
            }
        }
        if (groups.isEmpty()) {
            return malformed("the delivery-status part names no recipient with an Action field");
        }
        return new Report(BounceFormat.DSN, mta, groups, null, List.copyOf(reported), List.of());
    }

    /** @return the diagnostic without its type ({@code smtp; 550 5.1.1 ...}) */
    private static String diagnostic(String value) {
        int semi = value.indexOf(';');
        return (semi >= 0 && semi < 12 ? value.substring(semi + 1) : value).strip();
    }

    private static Report malformed(String reason) {
        return new Report(BounceFormat.DSN, "", List.of(), new BounceClassification.Undetermined(reason), List.of(), List.of());
    }

    /**
     * @param feedback the feedback-report part's text
     * @param embeddedHeaders the header block of the reported message, "" when not included
     * @return the complaint; {@code not-spam} and unknown types are undetermined
     */
    static Report arf(String feedback, String embeddedHeaders) {
        List<Map<String, String>> blocks = FieldBlocks.parse(feedback == null ? "" : feedback, 1);
        Map<String, String> f = blocks.isEmpty() ? Map.of() : blocks.get(0);
        String type = f.getOrDefault("feedback-type", "").strip().toLowerCase(Locale.ROOT);
        String agent = f.getOrDefault("user-agent", "");
        BounceClassification c = switch (type) {
            case "abuse", "fraud", "virus", "other" -> new BounceClassification.Complaint(type, agent);
            case "" -> new BounceClassification.Undetermined("a feedback report without a Feedback-Type field");
            default -> new BounceClassification.Undetermined("a feedback report of type " + type
                    + ", which is not a complaint");
        };
        List<String> senders = new ArrayList<>();
        String originalFrom = FieldBlocks.address(f.get("original-mail-from"));
        if (!originalFrom.isEmpty()) {
            senders.add(originalFrom);
        }
        Matcher rp = RETURN_PATH.matcher(embeddedHeaders);
        if (rp.find()) {
            senders.add(rp.group(1).toLowerCase(Locale.ROOT));
        }
        List<String> reported = new ArrayList<>();
        String rcpt = FieldBlocks.address(f.get("original-rcpt-to"));
        if (!rcpt.isEmpty()) {
            reported.add(rcpt);
        }
        String reporter = FieldBlocks.address(f.get("reported-domain"));
        return new Report(BounceFormat.ARF, reporter, List.of(), c, reported, senders);
    }
}
