package dev.mailwright.smtp.internal.transcript;

import java.util.List;
import java.util.Locale;
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
        return ConversationRecorder.code(lines.get(lines.size() - 1));
    }

    /** @return the enhanced status code ({@code 5.7.1}) or empty */
    String enhanced() {
        String last = lines.get(lines.size() - 1);
        String rest = last.length() > 4 ? last.substring(4) : "";
        Matcher m = ENHANCED.matcher(rest);
        return m.find() ? m.group() : "";
    }

    /** @return the text of every line after the codes, joined, lower case */
    String text() {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.length() > 4 ? l.substring(4) : "").append(' ');
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** @return {@code 535 5.7.1} */
    String summary() {
        return code() + (enhanced().isEmpty() ? "" : " " + enhanced());
    }

    /** @return the lines in the seed's format */
    List<String> evidence() {
        return lines.stream().map(l -> "-> " + TranscriptText.quote(l + "\r\n")).toList();
    }
}
