package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.Disposition;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code automated-guard} stage's rules: recognises automated mail (RFC 3834 and the signals mail systems use in practice) so
 * that it is discarded without answer and no mail loop can form.
 */
public final class AutomatedMailGuard {
    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster");
    private static final Pattern OUT_OF_OFFICE = Pattern.compile(
            "^(auto(matic)?[ -]?(reply|response)|autoreply|out of (the )?office|ooo\\b|away from (the )?office"
            + "|on vacation|vacation reply|abwesenheit|automatische antwort|r[ée]ponse automatique|absence"
            + "|respuesta autom[aá]tica|fuori sede|autosvar)", Pattern.CASE_INSENSITIVE);

    private AutomatedMailGuard() {
    }

    /**
     * @param m the parsed message
     * @return the discard naming the signal found, or empty for mail written by a person
     */
    public static Optional<Disposition.Discarded> check(ParsedMessage m) {
        String autoSubmitted = m.header("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return discard("automated.auto-submitted", "Auto-Submitted: " + autoSubmitted.strip() + " (RFC 3834)");
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"}) {
            String value = m.header(header);
            if (value != null) {
                return discard("automated." + header.toLowerCase(Locale.ROOT).substring(2), header + ": " + value.strip());
            }
        }
        String precedence = m.header("Precedence");
        if (precedence != null && BULK_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return discard("automated.precedence", "Precedence: " + precedence.strip());
        }
        String returnPath = m.header("Return-Path");
        if (returnPath != null && returnPath.replaceAll("[\\s<>]", "").isEmpty()) {
            return discard("automated.null-sender", "empty return path (Return-Path: <>): a bounce or notification");
        }
        if (m.report()) {
            return discard("automated.report", "a delivery status notification (multipart/report)");
        }
        int at = m.from().indexOf('@');
        if (at > 0 && DAEMONS.contains(m.from().substring(0, at))) {
            return discard("automated.daemon-sender", "sent by " + m.from());
        }
        String subject = subject(m);
        if (isOutOfOfficeSubject(subject)) {
            return discard("automated.out-of-office", "out-of-office subject: " + subject.strip());
        }
        return Optional.empty();
    }

    /**
     * @param subject a decoded subject
     * @return true when it reads as an automatic out-of-office or vacation reply
     */
    public static boolean isOutOfOfficeSubject(String subject) {
        return subject != null && OUT_OF_OFFICE.matcher(subject.strip()).find();
    }

    private static String subject(ParsedMessage m) {
        try {
            return m.mime().getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return m.header("Subject");
        }
    }

    private static Optional<Disposition.Discarded> discard(String code, String reason) {
        return Optional.of(new Disposition.Discarded(code, "automated mail: " + reason));
    }
}
