package dev.mailwright.core.dkim;

import java.util.List;
import java.util.Locale;

/**
 * The DKIM verdict on one message: one result per DKIM-Signature field, in the order they appear
 * (top first). No signature at all is the RFC 8601 result {@code none}.
 *
 * @param signatures the result of each signature
 */
public record DkimVerification(List<DkimSignatureResult> signatures) {
    /** Copies the list. */
    public DkimVerification {
        signatures = List.copyOf(signatures);
    }

    /** @return true when the message carries no DKIM signature (result {@code none}) */
    public boolean isNone() {
        return signatures.isEmpty();
    }

    /** @return true when at least one signature passed */
    public boolean hasPass() {
        return signatures.stream().anyMatch(DkimSignatureResult::isPass);
    }

    /**
     * @param domain a domain, such as the From address's (DMARC alignment is the caller's rule)
     * @return true when a signature of exactly that {@code d=} passed
     */
    public boolean passes(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return signatures.stream().anyMatch(s -> s.isPass() && s.domain().equals(d));
    }

    /** @return the domains whose signatures passed, in order, without repeats */
    public List<String> passingDomains() {
        return signatures.stream().filter(DkimSignatureResult::isPass).map(DkimSignatureResult::domain).distinct().toList();
    }

    /** @return true when no signature passed and at least one is a temperror: worth trying again later */
    public boolean isTemporary() {
        return !hasPass() && signatures.stream().anyMatch(s -> s.result() == DkimResult.TEMPERROR);
    }
}
