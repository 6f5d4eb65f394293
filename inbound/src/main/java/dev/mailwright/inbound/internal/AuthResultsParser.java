package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.AuthenticationResults;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses RFC 8601 {@code Authentication-Results} values: the authserv-id and the dkim/spf/dmarc results. */
public final class AuthResultsParser {
    private static final Pattern METHOD = Pattern.compile("(?i)(?:^|;)\\s*(dkim|spf|dmarc)\\s*=\\s*([a-z]+)");
    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");

    private AuthResultsParser() {
    }

    /**
     * @param values the header values, topmost first
     * @return the results of the topmost header, or {@link AuthenticationResults#NONE}
     */
    public static AuthenticationResults parse(List<String> values) {
        if (values == null || values.isEmpty() || values.get(0) == null) {
            return AuthenticationResults.NONE;
        }
        return parseOne(values.get(0));
    }

    /**
     * @param values the header values, topmost first
     * @param trusted the authserv-ids to believe, lower case
     * @return the results of the topmost header whose authserv-id is trusted, or {@link AuthenticationResults#NONE}
     */
    public static AuthenticationResults parse(List<String> values, Set<String> trusted) {
        if (values == null || trusted.isEmpty()) {
            return AuthenticationResults.NONE;
        }
        for (String value : values) {
            if (value != null) {
                AuthenticationResults r = parseOne(value);
                if (trusted.contains(r.authServId().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        return AuthenticationResults.NONE;
    }

    private static AuthenticationResults parseOne(String value) {
        String v = COMMENT.matcher(value.replaceAll("\\s+", " ")).replaceAll("");
        int semi = v.indexOf(';');
        String servId = (semi < 0 ? v : v.substring(0, semi)).strip().split("\\s+")[0];
        String dkim = "none";
        String spf = "none";
        String dmarc = "none";
        Matcher m = METHOD.matcher(semi < 0 ? "" : v.substring(semi));
        while (m.find()) {
            String result = m.group(2).toLowerCase(Locale.ROOT);
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "dkim" -> dkim = dkim.equals("pass") ? dkim : result;
                case "spf" -> spf = result;
                default -> dmarc = result;
            }
        }
        return new AuthenticationResults(servId, dkim, spf, dmarc);
    }
}
