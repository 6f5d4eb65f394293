package dev.mailwright.cli;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The text and HTML of the file given to {@code mailwright reply-text}: the first text/plain and
 * text/html parts of a raw message (attachments and attached messages skipped), or the file
 * itself as a body.
 *
 * @param text the text/plain body, or null
 * @param html the text/html body, or null
 * @param kind "message" or "body"
 */
record ReplyTextSource(String text, String html, String kind) {
    private static final int MAX_DEPTH = 20;

    static ReplyTextSource of(Path file, byte[] bytes) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".eml") || looksLikeMessage(bytes)) {
            return fromMessage(file, bytes);
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        return looksLikeHtml(body) ? new ReplyTextSource(null, body, "body")
                : new ReplyTextSource(body, null, "body");
    }

    /** At least two "Name: value" lines before the first empty line, one of them a typical header. */
    static boolean looksLikeMessage(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 8192), StandardCharsets.ISO_8859_1);
        int fields = 0;
        boolean typical = false;
        for (String line : head.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                return fields >= 2 && typical;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).chars().allMatch(c -> c > 32 && c < 127)) {
                return false;
            }
            fields++;
            String field = line.substring(0, colon).toLowerCase(Locale.ROOT);
            typical |= field.equals("received") || field.equals("mime-version") || field.equals("message-id")
                    || field.equals("return-path") || field.equals("content-type") || field.equals("delivered-to");
        }
        return false;
    }

    static boolean looksLikeHtml(String body) {
        String start = body.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<div")
                || start.startsWith("<p") || start.startsWith("<body") || start.startsWith("<meta");
    }

    private static ReplyTextSource fromMessage(Path file, byte[] bytes) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            String[] found = new String[2];
            collect(message, found, 0);
            if (found[0] == null && found[1] == null) {
                throw new IllegalArgumentException(file + " is a message without a text/plain or text/html "
                        + "part: give a reply with a text body");
            }
            return new ReplyTextSource(found[0], found[1], "message");
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot parse " + file + " as a message (" + e.getMessage()
                    + "): give a raw RFC 5322 message (.eml) or a plain body with another extension", e);
        }
    }

    private static void collect(Part part, String[] found, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, found, depth + 1);
            }
        } else if (part.isMimeType("text/plain") && found[0] == null) {
            found[0] = content(part);
        } else if (part.isMimeType("text/html") && found[1] == null) {
            found[1] = content(part);
        }
    }

    /** The decoded text; an unknown charset is read as UTF-8 rather than failing. */
    private static String content(Part part) throws MessagingException, IOException {
        try {
            return (String) part.getContent();
        } catch (UnsupportedEncodingException e) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
