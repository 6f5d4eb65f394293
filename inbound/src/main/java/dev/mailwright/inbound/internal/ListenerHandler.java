package dev.mailwright.inbound.internal;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.ReplyAddressCodec;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One SMTP transaction of the listener: enforces TLS at MAIL, checks each RCPT (syntax, then the
 * reply and no-reply domains and the codec), and acknowledges DATA only once the message is
 * durable (synced into the maildir, or into the listener's spool), with the instance's own
 * {@code Authentication-Results} renamed and a {@code Message-ID} added when missing
 * ({@link IncomingHeaders}). Logs one line per recipient and one per message, refusals included.
 */
public final class ListenerHandler implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerHandler.class);
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();
    /** A dot-atom local part (RFC 5321 section 4.1.2), lower case: no quoted strings, no source routes. */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /**
     * What every transaction of one listener shares.
     *
     * @param codec verifies reply addresses
     * @param noReplyDomain {@code noreply.<hostname>}
     * @param store where messages are made durable before {@code 250}
     * @param maxBytes the message size limit
     * @param enforceTls whether MAIL before STARTTLS is refused
     * @param ownAuthServIds the authserv-ids only this instance may write, lower case
     * @param accepted counts acknowledged messages
     * @param refused counts refused commands
     * @param counters the listener's counters
     * @param clock the clock of the Received header and of added Message-IDs
     */
    public record Config(ReplyAddressCodec codec, String noReplyDomain, ListenerStore store, long maxBytes,
            boolean enforceTls, Set<String> ownAuthServIds, AtomicLong accepted, AtomicLong refused, InboundCounters counters, Clock clock) {
        /** Copies the set of ids. */
        public Config {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(counters, "counters");
            ownAuthServIds = Set.copyOf(ownAuthServIds);
        }
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
        if (config.enforceTls() && !tls()) {
            config.refused().incrementAndGet();
            config.counters().count("listener.refused.tls-required");
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
        int at = a.lastIndexOf('@');
        String domain = at < 0 ? "" : a.substring(at + 1);
        if (!domain.equals(config.noReplyDomain()) && !domain.equals(config.codec().replyDomain())) {
            throw refuse(a, 550, "5.1.2 Recipient <" + LogText.clean(a) + "> is not under " + config.codec().replyDomain()
                    + " or " + config.noReplyDomain() + ": relay not permitted");
        }
        String local = a.substring(0, at);
        if (local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
            throw refuse(a, 501, "5.1.3 Bad recipient address syntax: only plain local parts (letters, digits,"
                    + " dots and !#$%&'*+/=?^_`{|}~-) are accepted at " + domain);
        }
        if (domain.equals(config.codec().replyDomain())) {
            DecodeResult result = config.codec().decode(a);
            if (result instanceof DecodeResult.Malformed m) {
                throw refuse(a, 550, "5.1.1 Malformed reply address <" + a + ">: " + m.reason());
            }
            if (result instanceof DecodeResult.ForgedNewThread) {
                throw refuse(a, 550, "5.7.1 New-thread address <" + a + "> is not signed by this instance's keys"
                        + " (forged or tampered with)");
            }
            if (!result.isVerified()) {
                throw refuse(a, 550, "5.7.1 Reply address <" + a + "> is not signed by this instance's keys"
                        + " (forged or tampered with)");
            }
        }
        recipients.add(a);
        if (LOG.isInfoEnabled()) {
            LOG.info("{}: RCPT from=<{}> to=<{}>: 250", context.getSessionId(), LogText.clean(from), a);
        }
    }

    private RejectException refuse(String to, int code, String text) {
        config.refused().incrementAndGet();
        config.counters().count("listener.refused.rcpt");
        if (LOG.isInfoEnabled()) {
            LOG.info("{}: RCPT from=<{}> to=<{}> client={}: {} {}", context.getSessionId(), LogText.clean(from),
                    LogText.clean(to), client(), code, text);
        }
        return new RejectException(code, text);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        IncomingHeaders message = new IncomingHeaders(data, config.ownAuthServIds(), this::newMessageId);
        try {
            begun = false; // store() ends what begin() announced
            String where = config.store().store(prefix(), message, config.maxBytes());
            config.accepted().incrementAndGet();
            config.counters().count("listener.accepted");
            if (LOG.isInfoEnabled()) {
                LOG.info("{}: stored message-id={}{} from=<{}> nrcpt={} size={} tls={}{} in {}: 250 2.0.0 Ok",
                        context.getSessionId(), LogText.clean(message.messageId()),
                        message.messageIdAdded() ? " (added)" : "", LogText.clean(from), recipients.size(),
                        message.size(), tls() ? "yes" : "no", message.renamed() > 0 ? " renamed-authentication-results="
                        + message.renamed() : "", where);
            }
            return null;
        } catch (SmtpInputException e) {
            throw e;
        } catch (MaildirWriter.TooLargeException e) {
            throw refuseData(message, 552, "5.3.4 Message size exceeds fixed limit of " + config.maxBytes() + " bytes",
                    "listener.refused.size");
        } catch (IOException e) {
            LOG.warn("Could not store a message durably: {}", e.toString());
            throw refuseData(message, 451, "4.3.0 Could not store the message; try again later", "listener.refused.store");
        } finally {
            config.counters().add("listener.authentication-results.renamed", message.renamed());
        }
    }

    private RejectException refuseData(IncomingHeaders message, int code, String text, String counter) {
        config.refused().incrementAndGet();
        config.counters().count(counter);
        if (LOG.isInfoEnabled()) {
            LOG.info("{}: refused message-id={} from=<{}> nrcpt={} after {} bytes: {} {}", context.getSessionId(),
                    LogText.clean(message.messageId()), LogText.clean(from), recipients.size(), message.size(), code, text);
        }
        return new RejectException(code, text);
    }

    /** @return Return-Path, one Delivered-To per recipient (as Postfix writes them) and Received */
    private String prefix() {
        StringBuilder prefix = new StringBuilder();
        prefix.append("Return-Path: <").append(from).append(">\r\n");
        for (String r : recipients) {
            prefix.append("Delivered-To: ").append(r).append("\r\n");
        }
        prefix.append("Received: from ").append(context.getHelo().orElse("unknown")).append(" ([")
                .append(client()).append("])\r\n\tby ").append(config.codec().replyDomain())
                .append(" (Mailwright) with ").append(tls() ? "ESMTPS" : "ESMTP").append(" id ")
                .append(context.getSessionId()).append("\r\n\tfor <").append(recipients.isEmpty() ? "" : recipients.get(0))
                .append(">; ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(config.clock())
                        .withZoneSameInstant(ZoneOffset.UTC)))
                .append("\r\n");
        return prefix.toString();
    }

    private String newMessageId() {
        return "<" + config.clock().millis() + "." + context.getSessionId() + "." + MESSAGE_IDS.incrementAndGet() + "@"
                + config.codec().replyDomain() + ">";
    }

    private String client() {
        return context.getRemoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(context.getRemoteAddress());
    }

    private boolean tls() {
        return context instanceof Session s && s.isTLSStarted();
    }

    @Override
    public void done() {
        if (begun) {
            begun = false;
            config.store().end();
        }
    }
}
