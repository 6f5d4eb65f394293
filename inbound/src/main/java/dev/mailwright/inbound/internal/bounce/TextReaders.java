package dev.mailwright.inbound.internal.bounce;

import dev.mailwright.inbound.bounce.BounceClassification;
import dev.mailwright.inbound.bounce.BounceFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounces that carry no machine-readable report, recognised by the markers their software
 * writes (each described in the test fixtures' README): Microsoft Exchange's text NDR, qmail's
 * QSBMF, Gmail's text bounce, and the rest (Exim's "Mail delivery failed", an
 * {@code X-Failed-Recipients} header) when a mailer daemon or an empty return path sent them.
 */
final class TextReaders {
    private static final String QMAIL = "this is the qmail-send program at";
    private static final Pattern QMAIL_RECIPIENT = Pattern.compile("(?m)^<([^<>\\s]+@[^<>\\s]+)>:\\s*$");
    private static final List<String> EXCHANGE = List.of("delivery has failed to these recipients or groups",
            "your message did not reach some or all of the intended recipients", "diagnostic information for administrators");
    private static final Pattern EXCHANGE_DIAGNOSTIC = Pattern.compile("(?i)(remote server returned '([^'\\r\\n]{1,300})'"
            + "|#([45]\\d\\d[ -][45]\\.\\d{1,3}\\.\\d{1,3}[^#\\r\\n]{0,250})##?)");
    private static final List<String> GMAIL = List.of("the response from the remote server was:",
            "your message wasn't delivered to", "the email account that you tried to reach");
    private static final Pattern SUBJECT = Pattern.compile("(?i)(undeliver|delivery (status notification|failure|failed|has failed)"
            + "|returned mail|failure notice|mail delivery (failed|system)|non.?delivery|could not be delivered)");
    private static final List<String> PERMANENT = List.of("permanent error", "permanent failure", "i've given up",
            "following address(es) failed", "could not be delivered", "wasn't delivered", "delivery has failed", "did not reach");
    private static final Pattern CODE_LINE = Pattern.compile("(?m)^.*((?<![\\d.])[45]\\d\\d[ -][45]\\.\\d{1,3}\\.\\d{1,3}"
            + "|\\(#[45]\\.\\d{1,3}\\.\\d{1,3}\\)).*$");
    private static final Pattern PHRASE_LINE = Pattern.compile("(?im)^.*(user unknown|does not exist|no mailbox"
            + "|mailbox (is )?full|over ?quota|not found|couldn't be found).*$");
    private static final Pattern ADDRESS = Pattern.compile("[^<>\\s,;:\"']+@[^<>\\s,;:\"']+\\.[A-Za-z]{2,}");

    private TextReaders() {
    }

    /**
     * What the headers say of the message: who sent it and how.
     *
     * @param from the From address, lower case, "" when none
     * @param returnPath the Return-Path value, null when absent
     * @param subject the subject, "" when none
     * @param failedRecipients the {@code X-Failed-Recipients} value, "" when absent
     */
    record Headers(String from, String returnPath, String subject, String failedRecipients) {
        boolean fromDaemon() {
            int at = from.indexOf('@');
            String local = at < 0 ? from : from.substring(0, at);
            return local.equals("mailer-daemon") || local.equals("postmaster") || local.equals("mail-daemon")
                    || local.startsWith("microsoftexchange") || returnPath != null && returnPath.replaceAll("[\\s<>]", "").isEmpty();
        }
    }

    /**
     * @param h the headers
     * @param text the first text body (bounded)
     * @return the text bounce found, or empty when the message is not one
     */
    static Optional<Report> bounce(Headers h, String text) {
        boolean daemon = h.fromDaemon();
        boolean subject = SUBJECT.matcher(h.subject()).find();
        if (!daemon && !subject && h.failedRecipients().isEmpty()) {
            return Optional.empty(); // a person's mail: the body is not searched
        }
        String lower = text.toLowerCase(Locale.ROOT);
        BounceFormat format;
        if (lower.contains(QMAIL)) {
            format = BounceFormat.QMAIL;
        } else if (containsAny(lower, EXCHANGE)) {
            format = BounceFormat.EXCHANGE;
        } else if (containsAny(lower, GMAIL) && (daemon || h.from().endsWith("google.com") || h.from().endsWith("googlemail.com"))) {
            format = BounceFormat.GMAIL;
        } else if (daemon && (!h.failedRecipients().isEmpty() || subject)) {
            format = BounceFormat.TEXT;
        } else {
            return Optional.empty();
        }
        String diagnostic = diagnostic(format, text);
        boolean permanent = containsAny(lower, PERMANENT);
        Report.Group group = new Report.Group("", "", permanent ? "failed" : "unknown", Statuses.enhanced(diagnostic),
                diagnostic);
        return Optional.of(new Report(format, "", List.of(group), null, recipients(format, h, text), List.of()));
    }

    private static boolean containsAny(String lower, List<String> markers) {
        for (String m : markers) {
            if (lower.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private static String diagnostic(BounceFormat format, String text) {
        if (format == BounceFormat.EXCHANGE) {
            Matcher m = EXCHANGE_DIAGNOSTIC.matcher(text);
            if (m.find()) {
                return m.group(2) != null ? m.group(2) : m.group(3);
            }
        }
        Matcher code = CODE_LINE.matcher(text);
        if (code.find()) {
            return code.group().strip();
        }
        Matcher phrase = PHRASE_LINE.matcher(text);
        return phrase.find() ? phrase.group().strip() : "";
    }

    private static List<String> recipients(BounceFormat format, Headers h, String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher failed = ADDRESS.matcher(h.failedRecipients());
        while (failed.find() && out.size() < ReportReaders.MAX_REPORTED) {
            out.add(failed.group().toLowerCase(Locale.ROOT));
        }
        if (format == BounceFormat.QMAIL) {
            Matcher m = QMAIL_RECIPIENT.matcher(text);
            while (m.find() && out.size() < ReportReaders.MAX_REPORTED) {
                out.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * @param h the headers
     * @param autoSubmitted the Auto-Submitted value, "" when absent
     * @param autoReplyHeader the first of X-Autoreply, X-Autorespond present, "" when none
     * @param precedence the Precedence value, "" when absent
     * @param outOfOfficeSubject whether the subject reads as an out-of-office reply
     * @return the auto-reply, when the message is one
     */
    static Optional<Report> autoReply(Headers h, String autoSubmitted, String autoReplyHeader, String precedence,
            boolean outOfOfficeSubject) {
        String signal;
        if (autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("auto-replied")) {
            signal = "Auto-Submitted: " + autoSubmitted.strip();
        } else if (!autoReplyHeader.isEmpty()) {
            signal = autoReplyHeader;
        } else if (precedence.strip().equalsIgnoreCase("auto_reply")) {
            signal = "Precedence: auto_reply";
        } else if (outOfOfficeSubject) {
            signal = "out-of-office subject: " + h.subject();
        } else {
            return Optional.empty();
        }
        return Optional.of(new Report(BounceFormat.AUTO_REPLY, "", List.of(), new BounceClassification.AutoReply(signal),
                List.of(), List.of()));
    }
}
