package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.AttachmentInfo;
import dev.mailwright.inbound.Disposition;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** The {@code parse} stage's parser: parses a raw message with Angus Mail, within limits on size, part count and nesting. */
public final class MessageParser {
    private static final int MAX_DEPTH = 10;
    private static final Session SESSION = Session.getInstance(new Properties());

    private final long maxBytes;
    private final int maxParts;

    /**
     * @param maxBytes the largest message accepted
     * @param maxParts the most MIME parts accepted
     */
    public MessageParser(long maxBytes, int maxParts) {
        this.maxBytes = maxBytes;
        this.maxParts = maxParts;
    }

    /** The outcome: a parsed message or the rejection that stops it. */
    public sealed interface Outcome {
    }

    /** @param message the parsed message */
    public record Parsed(ParsedMessage message) implements Outcome {
    }

    /** @param rejection why the message cannot be parsed */
    public record Failed(Disposition.Rejected rejection) implements Outcome {
    }

    /**
     * @param raw the raw message
     * @return the parsed message, or a rejection naming the limit or the MIME error
     */
    public Outcome parse(byte[] raw) {
        try {
            return CachedServiceLoader.call(() -> parseNow(raw));
        } catch (Exception e) {
            return fail("parse.malformed", "malformed MIME: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Outcome parseNow(byte[] raw) {
        if (raw.length > maxBytes) {
            return fail("parse.too-large", "the message has " + raw.length + " bytes, more than the limit of " + maxBytes);
        }
        if (raw.length == 0) {
            return fail("parse.empty", "the message is empty");
        }
        try {
            MimeMessage mime = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Walk walk = new Walk();
            walk.visit(mime, 0);
            String text = Sanitizer.text(walk.text, "the text/plain body", walk.notes);
            String html = Sanitizer.text(walk.html, "the text/html body", walk.notes);
            return new Parsed(new ParsedMessage(mime, messageId(mime), from(mime), text, html,
                    walk.attachments, walk.report, walk.notes));
        } catch (LimitException e) {
            return fail(e.code, e.getMessage());
        } catch (MessagingException | IOException | RuntimeException e) {
            return fail("parse.malformed", "malformed MIME: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Outcome fail(String code, String reason) {
        return new Failed(new Disposition.Rejected(code, reason));
    }

    private static String messageId(MimeMessage mime) throws MessagingException {
        String id = mime.getMessageID();
        return id == null ? "" : id.strip();
    }

    private static String from(MimeMessage mime) throws MessagingException {
        String[] values = mime.getHeader("From");
        if (values == null || values.length == 0) {
            return "";
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(values[0], false);
            return addresses.length == 0 ? "" : addresses[0].getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return "";
        }
    }

    private static final class LimitException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String code;

        LimitException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final class Walk {
        int parts;
        String text;
        String html;
        boolean report;
        final List<AttachmentInfo> attachments = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        void visit(Part part, int depth) throws MessagingException, IOException {
            if (++parts > maxParts) {
                throw new LimitException("parse.too-many-parts", "the message has more than " + maxParts + " MIME parts");
            }
            if (depth > MAX_DEPTH) {
                throw new LimitException("parse.too-deep", "the MIME parts are nested more than " + MAX_DEPTH + " levels deep");
            }
            if (part.isMimeType("multipart/report")) {
                report = true;
            }
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (!(content instanceof Multipart multipart)) {
                    throw new MessagingException("a multipart part has no readable parts");
                }
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    visit(child, depth + 1);
                }
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            if (!attachment && text == null && part.isMimeType("text/plain")) {
                text = readText(part);
            } else if (!attachment && html == null && part.isMimeType("text/html")) {
                html = readText(part);
            } else if (depth > 0 || attachment) {
                attachments.add(new AttachmentInfo(Sanitizer.fileName(part.getFileName(), notes), baseType(part),
                        part.getSize()));
            }
        }

        private String readText(Part part) throws MessagingException, IOException {
            try {
                Object content = part.getContent();
                return content instanceof String s ? s : null;
            } catch (UnsupportedEncodingException e) {
                try (InputStream in = part.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }

        private String baseType(Part part) throws MessagingException {
            String type = part.getContentType();
            int semi = type == null ? -1 : type.indexOf(';');
            return type == null ? "application/octet-stream"
                    : (semi < 0 ? type : type.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        }
    }
}
