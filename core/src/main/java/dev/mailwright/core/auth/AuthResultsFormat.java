package dev.mailwright.core.auth;

import dev.mailwright.core.dkim.DkimSignatureResult;
import dev.mailwright.core.dkim.DkimVerification;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Writes an {@code Authentication-Results} value (RFC 8601 section 2.2), one line. */
final class AuthResultsFormat {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.@]+");

    private AuthResultsFormat() {
    }

    static String format(String authServId, AuthenticationInput in, SpfVerdict spf, DkimVerification dkim, DmarcVerdict dmarc) {
        StringJoiner out = new StringJoiner("; ");
        out.add(authServId);
        String spfProperty = spf.identity().equals("helo") ? "smtp.helo=" + value(in.helo())
                : "smtp.mailfrom=" + value(in.mailFrom());
        out.add("spf=" + spf.result().keyword() + reason(spf.reason()) + " " + spfProperty);
        if (dkim.isNone()) {
            out.add("dkim=none");
        }
        for (DkimSignatureResult s : dkim.signatures()) {
            StringBuilder m = new StringBuilder("dkim=").append(s.result().keyword()).append(reason(s.reason()));
            if (!s.domain().isEmpty()) {
                m.append(" header.d=").append(value(s.domain()));
            }
            if (!s.selector().isEmpty()) {
                m.append(" header.s=").append(value(s.selector()));
            }
            if (!s.headerB().isEmpty()) {
                m.append(" header.b=").append(value(s.headerB()));
            }
            out.add(m.toString());
        }
        String policy = dmarc.policy().isEmpty() ? "" : " (p=" + dmarc.policy() + " dis=" + dmarc.disposition() + ")";
        out.add("dmarc=" + dmarc.result().keyword() + policy + reason(dmarc.result() == DmarcResult.PASS ? "" : dmarc.reason())
                + (dmarc.fromDomain().isEmpty() ? "" : " header.from=" + value(dmarc.fromDomain())));
        return out.toString();
    }

    private static String reason(String reason) {
        return reason.isEmpty() ? "" : " reason=" + quoted(reason);
    }

    /** @return the value as a token, or quoted when it holds other characters */
    private static String value(String v) {
        return TOKEN.matcher(v).matches() ? v : quoted(v);
    }

    private static String quoted(String v) {
        String clean = v.replaceAll("[\\p{Cntrl}]+", " ");
        return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
