package dev.mailwright.core.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of an SMTP server: {@code 550 5.1.1 <x@example.com>: Recipient address rejected}.
 *
 * @param code the three-digit reply code
 * @param enhancedStatus the RFC 3463 enhanced status code ({@code 5.1.1}), or null when the server
 *     gave none
 * @param text the rest of the reply (all lines joined with a space)
 */
public record SmtpReply(int code, String enhancedStatus, String text) {
    /** The line break and repeated code (and enhanced code) of a multi-line reply's next line. */
    private static final Pattern CONTINUATION = Pattern.compile("\\r?\\n\\d{3}[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3} )?");
    private static final Pattern REPLY = Pattern.compile("^(\\d{3})[ -]?(?:([245]\\.\\d{1,3}\\.\\d{1,3})(?: |$))?(.*)$",
            Pattern.DOTALL);

    /** Validates the fields. */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code " + code + " is not between 200 and 599");
        }
        Objects.requireNonNull(text, "text");
    }

    /**
     * @param line a reply as the server sent it (multi-line replies joined by line breaks)
     * @return the reply, or empty when the text does not start with a reply code
     */
    public static Optional<SmtpReply> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String stripped = line.strip();
        String joined = stripped.indexOf('\n') < 0 ? stripped : CONTINUATION.matcher(stripped).replaceAll(" ");
        Matcher m = REPLY.matcher(joined);
        if (!m.matches()) {
            return Optional.empty();
        }
        int code = Integer.parseInt(m.group(1));
        if (code < 200 || code > 599) {
            return Optional.empty();
        }
        return Optional.of(new SmtpReply(code, m.group(2), m.group(3).strip()));
    }

    /**
     * @param line a line as a server sent it
     * @return the three-digit reply code at its start, or -1 when it does not start with one
     */
    public static int code(String line) {
        if (line == null || line.length() < 3) {
            return -1;
        }
        int c = 0;
        for (int i = 0; i < 3; i++) {
            char ch = line.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            c = c * 10 + (ch - '0');
        }
        return c;
    }

    /** @return true for 4xx replies: try again later */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** @return true for 2xx and 3xx replies */
    public boolean isPositive() {
        return code < 400;
    }

    /** @return the enhanced status code, when there is one */
    public Optional<String> enhanced() {
        return Optional.ofNullable(enhancedStatus);
    }

    /** @return the reply as one line: {@code 550 5.1.1 text} */
    @Override
    public String toString() {
        return code + (enhancedStatus == null ? "" : " " + enhancedStatus) + (text.isEmpty() ? "" : " " + text);
    }
}
