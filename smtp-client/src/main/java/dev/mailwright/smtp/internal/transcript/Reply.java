package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply (all its lines) and the command it answers.
 *
 * @param lines the reply's lines, without CRLF
 * @param command the verb it answers ({@code BANNER}, {@code EHLO}, {@code AUTH}, {@code MAIL},
 *     {@code RCPT}, {@code DATA}, {@code .} for the end of the data...)
 */
record Reply(List<String> lines, String command) {
    private static final Pattern ENHANCED = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}");

    int code() {
        return SmtpReply.code(lines.get(lines.size() - 1));
    }

    /** @return the enhanced status code ({@code 5.7.1}) or empty */
    String enhanced() {
        String last = lines.get(lines.size() - 1);
        String rest = last.length() > 4 ? last.substring(4) : "";
        Matcher m = ENHANCED.matcher(rest);
        return m.find() ? m.group() : "";
    }

    /** @return the reply as one value, all its lines joined */
    SmtpReply reply() {
        String text = String.join("\n", lines);
        return SmtpReply.parse(text).filter(r -> r.code() == code())
                .orElseGet(() -> new SmtpReply(code(), null, text.length() > 4 ? text.substring(4) : ""));
    }

    /** @return {@code 535 5.7.1} */
    String summary() {
        return code() + (enhanced().isEmpty() ? "" : " " + enhanced());
    }

    /** @return the lines in the seed's format */
    List<String> evidence() {
        return lines.stream()
                .map(l -> Transcript.lineOf(new TranscriptEvent.Line(Instant.EPOCH, TranscriptEvent.Direction.SERVER, l, false)))
                .toList();
    }
}
