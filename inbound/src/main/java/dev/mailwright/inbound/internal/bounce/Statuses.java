package dev.mailwright.inbound.internal.bounce;

import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.inbound.bounce.BounceClassification;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Status codes and phrases in what bounces say, and the classification they lead to. */
final class Statuses {
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]*\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.#-])([245]\\d\\d)(?=[\\s-]|$)");
    private static final Pattern UNKNOWN = Pattern.compile("(?i)(user unknown|unknown user|no such (user|mailbox|recipient)"
            + "|does not exist|doesn't exist|not exist|address (couldn't|could not) be found|recipient not found"
            + "|recipnotfound|no mailbox here|mailbox unavailable|invalid (recipient|mailbox|address)|unrouteable address"
            + "|account (has been |is )?(disabled|deactivated|suspended|inactive)|mailbox (is )?(disabled|inactive))");
    private static final Pattern FULL = Pattern.compile("(?i)(mailbox (is )?full|over ?quota|quota exceeded|insufficient storage"
            + "|mailbox size limit)");
    private static final Pattern TEMPORARY = Pattern.compile("(?i)(will (keep )?(retry|trying)|temporar|delayed|deferred"
            + "|not yet been delivered)");

    private Statuses() {
    }

    /** @return the first enhanced status code ({@code 5.1.1}) in the text, or "" */
    static String enhanced(String text) {
        Matcher m = ENHANCED.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : "";
    }

    /** @return the first SMTP reply code (4xx or 5xx) in the text, or 0 */
    static int reply(String text) {
        Matcher m = REPLY.matcher(text == null ? "" : text);
        while (m.find()) {
            int code = Integer.parseInt(m.group(1));
            if (code >= 400) {
                return code;
            }
        }
        return 0;
    }

    /**
     * A specific enhanced status decides ({@code 5.1.1} hard, {@code 5.2.2} soft...). A generic one
     * ({@code 5.0.0}) or none leaves it to the phrases (mailbox full, temporary: soft; user unknown,
     * disabled: hard), then to the class of the status, then to the reply code ({@code 550} hard).
     *
     * @param status the status the report gave, or "" (the diagnostic is searched for one)
     * @param diagnostic what the server said
     * @param permanent whether the report says the failure is permanent (a DSN's {@code Action: failed})
     * @return the classification; undetermined when neither codes nor phrases say anything
     */
    static BounceClassification classify(String status, String diagnostic, boolean permanent) {
        String s = status.isEmpty() || generic(status) ? firstNonEmpty(enhanced(diagnostic), status) : status;
        if (!s.isEmpty() && !generic(s)) {
            return of(DeliveryProblem.classify(0, s), s, diagnostic);
        }
        if (FULL.matcher(diagnostic).find() || s.startsWith("4") || !permanent && TEMPORARY.matcher(diagnostic).find()) {
            return new BounceClassification.Soft(s, diagnostic);
        }
        if (UNKNOWN.matcher(diagnostic).find()) {
            return new BounceClassification.Hard(s, diagnostic);
        }
        if (!s.isEmpty()) {
            return of(DeliveryProblem.classify(0, s), s, diagnostic);
        }
        int reply = reply(diagnostic);
        if (reply > 0) {
            return of(DeliveryProblem.classify(reply, null), s, diagnostic);
        }
        return permanent ? new BounceClassification.Soft(s, diagnostic)
                : new BounceClassification.Undetermined("no failure status in the report"
                        + (diagnostic.isEmpty() ? "" : ": " + diagnostic));
    }

    private static boolean generic(String status) {
        return status.endsWith(".0.0");
    }

    private static BounceClassification of(Optional<DeliveryProblem> p, String status, String diagnostic) {
        if (p.isEmpty()) {
            return new BounceClassification.Undetermined("status " + status + " is not a failure");
        }
        return p.get() == DeliveryProblem.HARD_BOUNCE ? new BounceClassification.Hard(status, diagnostic)
                : new BounceClassification.Soft(status, diagnostic);
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
