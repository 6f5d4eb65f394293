package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.AttachmentInfo;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Objects;

/**
 * A message after the parse stage.
 *
 * @param mime the parsed message (headers are read from it)
 * @param messageId the Message-ID with angle brackets, or empty
 * @param from the From address, lower case, or empty when absent or unparsable
 * @param text the first text/plain body, or null
 * @param html the first text/html body, or null
 * @param attachments the attachments' metadata
 * @param report true when the message (or a part) is a multipart/report
 * @param sanitized what the parser changed to make the text and names safe (NULs, path elements)
 */
public record ParsedMessage(MimeMessage mime, String messageId, String from, String text, String html,
        List<AttachmentInfo> attachments, boolean report, List<String> sanitized) {
    /** Validates the fields. */
    public ParsedMessage {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        attachments = List.copyOf(attachments);
        sanitized = List.copyOf(sanitized);
    }

    /**
     * @param name a header name
     * @return its values, topmost first; empty when absent or unreadable
     */
    public List<String> headers(String name) {
        try {
            String[] values = mime.getHeader(name);
            return values == null ? List.of() : List.of(values);
        } catch (jakarta.mail.MessagingException e) {
            return List.of();
        }
    }

    /** @return the first value of the header, or null */
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
