package dev.mailwright.core.diagnostics;

import dev.mailwright.core.internal.AuthRedaction;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks, line by line, the credentials that the files administrators attach to a ticket are known
 * to carry, and counts what it masked:
 * <ul>
 *   <li>{@code key=value} and {@code key: value} whose key names a password, secret, token or key,
 *       including environment variables such as {@code MAILWRIGHT_SMTP_PASSWORD=...};</li>
 *   <li>JSON members such as {@code "password":"..."};</li>
 *   <li>credentials in URLs ({@code smtp://user:pass@host}) and {@code Authorization} headers;</li>
 *   <li>command-line flags ({@code --password ...});</li>
 *   <li>SMTP authentication, in any transcript format (the seed's {@code unicorn.log}, swaks, a
 *       mail library's debug output): the initial response on the {@code AUTH} line, and every
 *       line the client sends in answer to a {@code 334} challenge, with the transcript capture's
 *       state machine and placeholders ({@code AuthRedaction}).</li>
 * </ul>
 * One instance reads one file (the SMTP state runs from line to line). Not thread-safe.
 */
final class CredentialRedactor {
    static final String MASK = "******";
    private static final String KEYWORD = "(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|credentials?)";
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)(\"[^\"\\s]*" + KEYWORD + "[^\"\\s]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\""), "$1\"" + MASK + "\""),
            new Rule(Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s/:@]*:)[^\\s@/]+(@)"), "$1" + MASK + "$2"),
            new Rule(Pattern.compile("(?i)(\\bAuthorization:\\s*(?:Basic|Bearer)\\s+)\\S+"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)(--?" + KEYWORD + "(?:=|\\s+))(?!" + Pattern.quote(MASK) + ")[^\\s\"']+"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)(\\b[a-z0-9_.-]*" + KEYWORD + "[a-z0-9_.-]*\\s*[=:]\\s*)(?!" + Pattern.quote(MASK)
                    + ")(?:\"[^\"]*\"|'[^']*'|[^\\s\"',;}]+)"), "$1" + MASK));
    /** An SMTP reply code at the start of what a server sent: {@code 334 VXNl...}, {@code "235 2.7.0}, {@code <- 535-5.7.8}. */
    private static final Pattern REPLY = Pattern.compile("(?:^|[\\s\">~*])([2-5]\\d\\d)(?:[ -]|\\\\r|$)");
    /** An AUTH command where a client line starts: at the start, after a quote, after {@code ->}, {@code ~>} or {@code C:}. */
    private static final Pattern AUTH = Pattern.compile("(?i)(?:^\\s*|\"|[-~]>\\s+|C:\\s*)AUTH\\s+([A-Z0-9_-]+)(?:[ \\t]+([^\\s\"\\\\]+))?");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*?)(?:\\\\r\\\\n)?\"");

    private record Rule(Pattern pattern, String replacement) {
    }

    private final AuthRedaction auth = new AuthRedaction();
    private int redacted;

    /** @return how many values were masked so far */
    int redacted() {
        return redacted;
    }

    /**
     * @param line one line of a log or transcript
     * @return the line with its credentials masked
     */
    String line(String line) {
        String out = smtp(line);
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            StringBuilder b = new StringBuilder();
            int n = 0;
            while (m.find()) {
                m.appendReplacement(b, r.replacement());
                n++;
            }
            if (n > 0) {
                m.appendTail(b);
                out = b.toString();
                redacted += n;
            }
        }
        return out;
    }

    /** The SMTP authentication exchange: what the client sends after AUTH and after each 334. */
    private String smtp(String line) {
        Matcher reply = REPLY.matcher(line);
        if (reply.find()) {
            auth.reply(Integer.parseInt(reply.group(1)));
            return line;
        }
        if (auth.expectsResponse(true) && !line.isBlank() && !line.contains(AuthRedaction.PREFIX)) {
            redacted++;
            return clientPayload(line, auth.response());
        }
        Matcher m = AUTH.matcher(line);
        if (m.find()) {
            boolean initial = m.group(2) != null && !m.group(2).equals("=") && !m.group(2).startsWith(AuthRedaction.PREFIX.strip());
            String placeholder = auth.auth(m.group(1), initial);
            if (placeholder != null) {
                redacted++;
                return line.substring(0, m.start(2)) + placeholder + line.substring(m.end(2));
            }
        }
        return line;
    }

    /** @return the line with the client's payload (inside quotes when it is quoted, else the last word) replaced */
    private static String clientPayload(String line, String placeholder) {
        Matcher q = QUOTED.matcher(line);
        if (q.find() && !q.group(1).isEmpty()) {
            return line.substring(0, q.start(1)) + placeholder + line.substring(q.end(1));
        }
        String trimmed = line.stripTrailing();
        int start = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t')) + 1;
        return trimmed.substring(0, start) + placeholder + line.substring(trimmed.length());
    }
}
