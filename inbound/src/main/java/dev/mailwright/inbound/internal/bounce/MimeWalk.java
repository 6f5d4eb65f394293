package dev.mailwright.inbound.internal.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Walks a parsed message within limits and keeps what a bounce analysis reads: the report type, the
 * machine-readable report, the first text body and the returned message's header block. Every part
 * is read through a bounded stream: a huge report costs at most {@link Limits#partBytes()}.
 */
final class MimeWalk {
    private final Limits limits;
    private int parts;
    String reportType = "";
    String deliveryStatus;
    String feedbackReport;
    String text = "";
    String embeddedHeaders = "";

    /**
     * @param partBytes the most bytes read of one part
     * @param maxParts the most parts visited
     * @param maxDepth the deepest nesting visited
     */
    record Limits(int partBytes, int maxParts, int maxDepth) {
    }

    /** A limit of the walk was reached. */
    static final class LimitException extends Exception {
        private static final long serialVersionUID = 1L;

        LimitException(String message) {
            super(message);
        }
    }

    MimeWalk(Limits limits) {
        this.limits = limits;
    }

    void visit(Part part, int depth) throws MessagingException, IOException, LimitException {
        if (++parts > limits.maxParts()) {
            throw new LimitException("more than " + limits.maxParts() + " MIME parts");
        }
        if (depth > limits.maxDepth()) {
            throw new LimitException("MIME parts nested more than " + limits.maxDepth() + " levels deep");
        }
        ContentType type = type(part);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.startsWith("multipart/")) {
            if (base.equals("multipart/report") && reportType.isEmpty()) {
                String rt = type.getParameter("report-type");
                reportType = rt == null ? "" : rt.strip().toLowerCase(Locale.ROOT);
            }
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    visit(child, depth + 1);
                }
            }
            return;
        }
        leaf(part, base, type);
    }

    private void leaf(Part part, String base, ContentType type) throws MessagingException, IOException {
        switch (base) {
            case "message/delivery-status", "message/global-delivery-status" -> {
                if (deliveryStatus == null) {
                    deliveryStatus = read(part, StandardCharsets.UTF_8);
                }
            }
            case "message/feedback-report" -> {
                if (feedbackReport == null) {
                    feedbackReport = read(part, StandardCharsets.UTF_8);
                }
            }
            case "message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers" -> {
                if (embeddedHeaders.isEmpty()) {
                    String all = read(part, StandardCharsets.UTF_8);
                    int end = all.indexOf("\n\n") >= 0 ? all.indexOf("\n\n") : all.indexOf("\r\n\r\n");
                    embeddedHeaders = end < 0 ? all : all.substring(0, end);
                }
            }
            case "text/plain" -> {
                if (text.isEmpty() && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    text = read(part, charset(type));
                }
            }
            default -> {
                // other parts (HTML, attachments) say nothing the analysis needs
            }
        }
    }

    private String read(Part part, Charset charset) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(limits.partBytes()), charset);
        }
    }

    private static ContentType type(Part part) throws MessagingException {
        String value = part.getContentType();
        try {
            return new ContentType(value == null ? "text/plain" : value);
        } catch (ParseException e) {
            return new ContentType("application", "octet-stream", null);
        }
    }

    private static Charset charset(ContentType type) {
        String name = type.getParameter("charset");
        try {
            return name == null ? StandardCharsets.US_ASCII : Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
