package dev.mailwright.smtp.internal;

import static dev.mailwright.smtp.internal.MimeText.CRLF;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceTarget;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationTemplate;
import dev.mailwright.smtp.ThreadRef;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Composes the bytes of a notification email the way forges build theirs: From the actor's name
 * with the no-reply address, To the no-reply address, Cc the recipient and the reason address,
 * Reply-To the signed reply address, threading headers, list headers, and a text or
 * {@code multipart/alternative} body. Deterministic for a given clock and boundary supplier.
 */
public final class MessageComposer {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Config config;

    /**
     * Everything the composer needs besides the notification.
     *
     * @param noReplyAddress the no-reply address (From and To; the envelope sender without bounce addresses)
     * @param hostname the instance host name, normalized
     * @param codec signs reply addresses
     * @param bounces signs the bounce addresses (VERP) used as envelope sender, or null to send from
     *     the no-reply address
     * @param headerPrefix the prefix of the reason/sender/recipient headers ({@code X-Mailwright-})
     * @param webBase the instance's web root, for List-Archive ({@code https://ghe.example.com/})
     * @param siteName the name in "view it on ..."
     * @param template renders the bodies
     * @param clock the Date header's clock
     * @param boundaries supplies MIME boundaries
     */
    public record Config(String noReplyAddress, String hostname, ReplyAddressCodec codec, BounceAddressCodec bounces,
            String headerPrefix, URI webBase,
            String siteName, NotificationTemplate template, Clock clock, Supplier<String> boundaries) {
        /** Validates the fields. */
        public Config {
            Objects.requireNonNull(noReplyAddress, "noReplyAddress");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(headerPrefix, "headerPrefix");
            Objects.requireNonNull(webBase, "webBase");
            Objects.requireNonNull(siteName, "siteName");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(boundaries, "boundaries");
        }
    }

    /** @param config the composer's configuration */
    public MessageComposer(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param n the notification
     * @param deadline when the send must be settled
     * @return the message, addressed to the recipient only (To and the reason address are display headers)
     */
    public OutgoingMessage compose(Notification n, Instant deadline) {
        String rootId = rootMessageId(n.thread());
        String messageId = n.isThreadStart() ? rootId
                : "<" + n.thread().path() + "/" + n.eventId() + "@" + config.hostname() + ">";
        ReplyTarget target = new ReplyTarget(n.thread().kind().replyType(), n.thread().id(), n.recipient().userId());
        String replyTo = config.codec().encode(target);
        NotificationTemplate.Body body = config.template().render(n, config.siteName());
        int bodies = body.text().length() + (body.html() == null ? 0 : body.html().length());
        StringBuilder out = new StringBuilder(bodies + bodies / 8 + 2048);
        addressing(out, n, replyTo);
        threading(out, n, messageId, rootId);
        listHeaders(out, n, replyTo);
        body(out, body);
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        return new OutgoingMessage(messageId, envelopeSender(target, n.recipient().address()), List.of(n.recipient().address()),
                bytes, deadline);
    }

    /** @return the bounce address of this notification and recipient, or the no-reply address */
    private String envelopeSender(ReplyTarget target, String recipient) {
        return config.bounces() == null ? config.noReplyAddress()
                : config.bounces().encode(new BounceTarget(target, recipient)).orElse(config.noReplyAddress());
    }

    /** @return {@code <owner/repo/issues/N@hostname>}, the Message-ID of the thread's first message */
    public String rootMessageId(ThreadRef thread) {
        return "<" + thread.path() + "@" + config.hostname() + ">";
    }

    private void addressing(StringBuilder out, Notification n, String replyTo) {
        String reasonAddress = n.reason().name() + "@noreply." + config.hostname();
        MimeText.header(out, "Date", DATE.format(config.clock().instant()));
        MimeText.header(out, "From", MimeText.phrase(n.actor().displayName()) + " <" + config.noReplyAddress() + ">");
        MimeText.header(out, "To", config.noReplyAddress());
        MimeText.header(out, "Cc", n.recipient().address() + ", " + MimeText.phrase(n.reason().displayName())
                + " <" + reasonAddress + ">");
        MimeText.header(out, "Reply-To", MimeText.phrase(n.thread().repositoryPath()) + " <" + replyTo + ">");
        String subject = "[" + n.thread().repositoryPath() + "] " + n.title() + " (" + n.thread().displayKey() + ")";
        MimeText.header(out, "Subject", MimeText.unstructured(n.isThreadStart() ? subject : "Re: " + subject));
    }

    private static void threading(StringBuilder out, Notification n, String messageId, String rootId) {
        MimeText.header(out, "Message-ID", messageId);
        if (!n.isThreadStart()) {
            MimeText.header(out, "In-Reply-To", rootId);
            MimeText.header(out, "References", rootId);
        }
    }

    private void listHeaders(StringBuilder out, Notification n, String replyTo) {
        ThreadRef t = n.thread();
        String listDomain = (t.repository() + "." + t.owner() + "." + config.hostname()).toLowerCase(Locale.ROOT);
        MimeText.header(out, "List-ID", t.repositoryPath() + " <" + listDomain + ">");
        MimeText.header(out, "List-Archive", "<" + config.webBase().resolve(t.repositoryPath()) + ">");
        String mailto = "<mailto:" + replyTo + "?subject=unsubscribe>";
        if (n.unsubscribeUrl() != null) {
            MimeText.header(out, "List-Unsubscribe", mailto + ", <" + n.unsubscribeUrl() + ">");
            MimeText.header(out, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        } else {
            MimeText.header(out, "List-Unsubscribe", mailto);
        }
        MimeText.header(out, "Precedence", "list");
        MimeText.header(out, "Auto-Submitted", "auto-generated");
        MimeText.header(out, "X-Auto-Response-Suppress", "All");
        MimeText.header(out, config.headerPrefix() + "Reason", n.reason().name());
        MimeText.header(out, config.headerPrefix() + "Sender", n.actor().login());
        MimeText.header(out, config.headerPrefix() + "Recipient", n.recipient().login());
    }

    private void body(StringBuilder out, NotificationTemplate.Body body) {
        MimeText.header(out, "MIME-Version", "1.0");
        if (body.html() == null) {
            part(out, "text/plain", body.text());
            return;
        }
        String boundary = config.boundaries().get();
        MimeText.header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        out.append(CRLF);
        out.append("--").append(boundary).append(CRLF);
        part(out, "text/plain", body.text());
        out.append(CRLF).append("--").append(boundary).append(CRLF);
        part(out, "text/html", body.html());
        out.append(CRLF).append("--").append(boundary).append("--").append(CRLF);
    }

    private static void part(StringBuilder out, String type, String text) {
        String crlf = MimeText.crlf(text);
        MimeText.header(out, "Content-Type", type + "; charset=UTF-8");
        if (MimeText.is7bit(crlf)) {
            MimeText.header(out, "Content-Transfer-Encoding", "7bit");
            out.append(CRLF).append(crlf);
        } else {
            MimeText.header(out, "Content-Transfer-Encoding", "quoted-printable");
            out.append(CRLF);
            MimeText.quotedPrintable(out, crlf);
        }
        if (out.charAt(out.length() - 1) != '\n') {
            out.append(CRLF);
        }
    }
}
