package dev.mailwright.inbound.internal;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.ReplyAddressCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One SMTP transaction of the listener: enforces TLS at MAIL, checks each RCPT against the reply
 * and no-reply domains and the codec, and acknowledges DATA only once the message is durable
 * (synced into the maildir, or into the listener's spool).
 */
public final class ListenerHandler implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerHandler.class);

    /**
     * What every transaction of one listener shares.
     *
     * @param codec verifies reply addresses
     * @param noReplyDomain {@code noreply.<hostname>}
     * @param store where messages are made durable before {@code 250}
     * @param maxBytes the message size limit
     * @param enforceTls whether MAIL before STARTTLS is refused
     * @param accepted counts acknowledged messages
     * @param refused counts refused commands
     * @param clock the clock of the Received header
     */
    public record Config(ReplyAddressCodec codec, String noReplyDomain, ListenerStore store, long maxBytes,
            boolean enforceTls, AtomicLong accepted, AtomicLong refused, Clock clock) {
    }

    private final Config config;
    private final MessageContext context;
    private String from = "";
    private boolean begun;
    private final List<String> recipients = new ArrayList<>();

    /**
     * @param config the listener's configuration
     * @param context the SMTP session
     */
    public ListenerHandler(Config config, MessageContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public void from(String address) throws RejectException {
        if (config.enforceTls() && !(context instanceof Session s && s.isTLSStarted())) {
            config.refused().incrementAndGet();
            InboundDiagnostics.count("listener.refused.tls-required");
            throw new RejectException(530, "5.7.0 Must issue a STARTTLS command first");
        }
        this.from = address == null ? "" : address;
        if (!begun) {
            begun = true;
            config.store().begin();
        }
    }

    @Override
    public void recipient(String address) throws RejectException {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (a.endsWith("@" + config.noReplyDomain())) {
            recipients.add(a);
            return;
        }
        if (!a.endsWith("@" + config.codec().replyDomain())) {
            throw refuse(550, "5.1.2 Recipient <" + a + "> is not under " + config.codec().replyDomain() + " or "
                    + config.noReplyDomain() + ": relay not permitted");
        }
        DecodeResult result = config.codec().decode(a);
        if (result instanceof DecodeResult.Malformed m) {
            throw refuse(550, "5.1.1 Malformed reply address <" + a + ">: " + m.reason());
        }
        if (!result.isValid()) {
            throw refuse(550, "5.7.1 Reply address <" + a + "> is not valid (forged or expired)");
        }
        recipients.add(a);
    }

    private RejectException refuse(int code, String text) {
        config.refused().incrementAndGet();
        InboundDiagnostics.count("listener.refused.rcpt");
        LOG.info("Refused RCPT from {}: {} {}", context.getRemoteAddress(), code, text);
        return new RejectException(code, text);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        StringBuilder prefix = new StringBuilder();
        prefix.append("Return-Path: <").append(from).append(">\r\n");
        for (String r : recipients) {
            prefix.append("Delivered-To: ").append(r).append("\r\n");
        }
        boolean tls = context instanceof Session s && s.isTLSStarted();
        prefix.append("Received: from ").append(context.getHelo().orElse("unknown")).append(" (")
                .append(context.getRemoteAddress()).append(")\r\n\tby ").append(config.codec().replyDomain())
                .append(" (Mailwright) with ").append(tls ? "ESMTPS" : "ESMTP").append(" id ")
                .append(context.getSessionId()).append("\r\n\tfor <").append(recipients.isEmpty() ? "" : recipients.get(0))
                .append(">; ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(config.clock()).withZoneSameInstant(ZoneOffset.UTC)))
                .append("\r\n");
        try {
            begun = false; // store() ends what begin() announced
            String where = config.store().store(prefix.toString(), data, config.maxBytes());
            config.accepted().incrementAndGet();
            InboundDiagnostics.count("listener.accepted");
            LOG.debug("Stored {} in {}", recipients, where);
            return null;
        } catch (MaildirWriter.TooLargeException e) {
            config.refused().incrementAndGet();
            InboundDiagnostics.count("listener.refused.size");
            throw new RejectException(552, "5.3.4 Message size exceeds fixed limit of " + config.maxBytes() + " bytes");
        } catch (IOException e) {
            LOG.warn("Could not store a message durably: {}", e.toString());
            throw new RejectException(451, "4.3.0 Could not store the message; try again later");
        }
    }

    @Override
    public void done() {
        if (begun) {
            begun = false;
            config.store().end();
        }
    }
}
