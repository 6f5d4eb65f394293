package dev.mailwright.core.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DMARC policy record ({@code v=DMARC1; p=...}), the tags that decide a verdict.
 *
 * @param policy {@code none}, {@code quarantine} or {@code reject} (tag {@code p})
 * @param subdomainPolicy the policy for subdomains of the policy domain (tag {@code sp}), or null
 *     when absent (then {@code policy} applies)
 * @param dkimAlignment tag {@code adkim}, relaxed by default
 * @param spfAlignment tag {@code aspf}, relaxed by default
 * @param psd tag {@code psd} (RFC 9989): {@code y} a public suffix domain, {@code n} an
 *     organizational domain, {@code u} unknown (the default)
 * @param testing tag {@code t=y} (RFC 9989): the domain owner is testing; a failure is handled one
 *     step less strictly
 */
public record DmarcRecord(String policy, String subdomainPolicy, Alignment dkimAlignment, Alignment spfAlignment,
        String psd, boolean testing) {
    private static final List<String> POLICIES = List.of("none", "quarantine", "reject");

    /** Validates the values. */
    public DmarcRecord {
        if (!POLICIES.contains(policy)) {
            throw new IllegalArgumentException("DMARC policy must be none, quarantine or reject, was " + policy);
        }
        if (subdomainPolicy != null && !POLICIES.contains(subdomainPolicy)) {
            throw new IllegalArgumentException("DMARC subdomain policy must be none, quarantine or reject, was "
                    + subdomainPolicy);
        }
        Objects.requireNonNull(dkimAlignment, "dkimAlignment");
        Objects.requireNonNull(spfAlignment, "spfAlignment");
        if (!List.of("y", "n", "u").contains(psd)) {
            throw new IllegalArgumentException("DMARC psd must be y, n or u, was " + psd);
        }
    }

    /**
     * Parses a TXT record. It is a DMARC record when it starts with {@code v=DMARC1}. Unknown tags
     * are ignored and invalid values of optional tags take their default (RFC 9989); a missing or
     * invalid {@code p} makes the record unusable unless it has a {@code rua} tag, when it counts
     * as {@code p=none}.
     *
     * @param text the record's text, its strings joined
     * @return the record, or empty when the text is not a usable DMARC record
     */
    public static Optional<DmarcRecord> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Map<String, String> tags = tags(text);
        if (tags.isEmpty() || !"DMARC1".equals(tags.get("v"))) {
            return Optional.empty();
        }
        String p = lower(tags.get("p"));
        if (!POLICIES.contains(p)) {
            if (tags.get("rua") == null || tags.get("rua").isBlank()) {
                return Optional.empty();
            }
            p = "none";
        }
        String sp = lower(tags.get("sp"));
        String psd = lower(tags.get("psd"));
        return Optional.of(new DmarcRecord(p, POLICIES.contains(sp) ? sp : null, alignment(tags.get("adkim")),
                alignment(tags.get("aspf")), List.of("y", "n").contains(psd) ? psd : "u", "y".equals(lower(tags.get("t")))));
    }

    /** @return the tags in order; the first tag must be {@code v} or the map is empty */
    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (tags.isEmpty() && !name.equals("v")) {
                return Map.of();
            }
            tags.putIfAbsent(name, p.substring(eq + 1).strip());
        }
        return tags;
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    private static Alignment alignment(String value) {
        return "s".equals(lower(value)) ? Alignment.STRICT : Alignment.RELAXED;
    }
}
