package dev.mailwright.smtp;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BuilderState;
import dev.mailwright.core.EmailAddresses;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.HostNames;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.smtp.internal.Boundaries;
import dev.mailwright.smtp.internal.MessageComposer;
import dev.mailwright.smtp.internal.Retrier;
import dev.mailwright.smtp.internal.SuppressionGate;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Composes notification emails and delivers them through a {@link MailTransport}, retrying
 * transient failures with backoff and jitter within a deadline per send.
 *
 * <pre>{@code
 * try (NotificationMailer mailer = NotificationMailer.builder()
 *         .settings(settings).keyRing(keys)
 *         .transport(MailTransports.open("smtp://", settings))
 *         .build()) {
 *     SendResult result = mailer.send(notification);
 * }
 * }</pre>
 *
 * <p>When the settings name DKIM keys ({@code mailwright.dkim.*}), or a signer is given with
 * {@link Builder#dkimSigner(DkimSigner)}, every composed message is DKIM-signed: the signature
 * covers the bytes every transport then delivers unchanged.
 *
 * <p>The envelope sender ({@code MAIL FROM}) of each notification is its bounce address (VERP,
 * {@link BounceAddressCodec}), under {@code noreply.<hostname>} or the settings' bounce domain, so
 * that a bounce names the notification and the recipient that failed. With a
 * {@link Builder#suppressionList(SuppressionList) suppression list}, a suppressed recipient is not
 * sent to ({@link SendResult.Suppressed}) and a permanent refusal at {@code RCPT} counts as a bounce.
 *
 * <p>Immutable and thread-safe; it owns its transport and closes it in {@link #close()}.
 */
public final class NotificationMailer implements AutoCloseable {
    /** The default prefix of the reason, sender and recipient headers. */
    public static final String DEFAULT_HEADER_PREFIX = "X-Mailwright-";

    private final MessageComposer composer;
    private final MailTransport transport;
    private final Retrier retrier;
    private final Duration deadline;
    private final DkimSigner signer;
    private final SuppressionGate suppressions;

    private NotificationMailer(Builder b, MessageComposer composer, DkimSigner signer) {
        this.composer = composer;
        this.signer = signer;
        this.suppressions = new SuppressionGate(b.suppressionList);
        this.transport = b.transport;
        this.retrier = new Retrier(b.retry, Clock.systemUTC());
        this.deadline = b.deadline;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Composes the message without sending it: for previews, golden files and the memory transport.
     * It is DKIM-signed when the mailer signs: these are the bytes that are sent.
     *
     * @param notification the notification
     * @return the message and its envelope
     */
    public OutgoingMessage compose(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        OutgoingMessage m = composer.compose(notification, Instant.now().plus(deadline));
        return signer == null ? m
                : new OutgoingMessage(m.messageId(), m.envelopeFrom(), m.recipients(), signer.sign(m.content()), m.deadline());
    }

    /**
     * Composes and delivers one notification. Transient failures are retried within the deadline.
     *
     * @param notification the notification
     * @return sent (per recipient), failed (with its category and the server's reply), or
     *     suppressed (the recipient is on the suppression list: nothing was sent)
     */
    public SendResult send(Notification notification) {
        return deliver(compose(notification));
    }

    /**
     * Delivers an already composed message, with the same retries and suppression list as
     * {@link #send(Notification)}: suppressed recipients are left out.
     *
     * @param message the message
     * @return sent, failed, or suppressed when every recipient is suppressed
     */
    public SendResult deliver(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        return suppressions.deliver(message, m -> retrier.run(m, transport));
    }

    /**
     * Delivers an already composed message once through another transport (the outbox's, which
     * retries on its own schedule), with this mailer's suppression list: suppressed recipients are
     * left out, and a permanent refusal at {@code RCPT} counts as a bounce.
     *
     * @param message the message
     * @param via the transport, one attempt
     * @return sent, failed, or suppressed when every recipient is suppressed
     */
    public SendResult deliverOnce(OutgoingMessage message, MailTransport via) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(via, "via");
        return suppressions.deliver(message, via::send);
    }

    /** @return the transport's description */
    public String transportDescription() {
        return transport.describe();
    }

    /** Closes the transport (waits briefly for sends in progress). */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "NotificationMailer[" + transport.describe() + ", deadline=" + deadline
                + (signer == null ? "" : ", dkim=" + signer) + "]";
    }

    /** Builds a {@link NotificationMailer}; not thread-safe. */
    public static final class Builder {
        private EmailSettings settings;
        private KeyRing keyRing;
        private MailTransport transport;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> boundaries = Boundaries.random();
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Duration deadline = Duration.ofMinutes(2);
        private String headerPrefix = DEFAULT_HEADER_PREFIX;
        private URI webBase;
        private String siteName;
        private NotificationTemplate template = NotificationTemplate.standard();
        private DkimSigner dkimSigner;
        private SuppressionList suppressionList;
        private boolean bounceAddresses = true;

        private final BuilderState state = new BuilderState("NotificationMailer.Builder");

        private Builder() {
        }

        /** @param settings the email settings: no-reply address and host name are required @return this */
        public Builder settings(EmailSettings settings) {
            this.settings = state.set("settings", settings);
            return this;
        }

        /** @param keyRing signs the reply addresses @return this */
        public Builder keyRing(KeyRing keyRing) {
            this.keyRing = state.set("keyRing", keyRing);
            return this;
        }

        /** @param transport delivers the messages; the mailer closes it @return this */
        public Builder transport(MailTransport transport) {
            this.transport = state.set("transport", transport);
            return this;
        }

        /**
         * @param clock the clock of the Date header (inject a fixed one for golden files); deadlines
         *     and retries always use the system clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /** @param boundaries supplies MIME boundaries (inject a fixed one for golden files) @return this */
        public Builder boundaries(Supplier<String> boundaries) {
            this.boundaries = state.set("boundaries", boundaries);
            return this;
        }

        /** @param retry how transient failures are retried @return this */
        public Builder retry(RetryPolicy retry) {
            this.retry = state.set("retry", retry);
            return this;
        }

        /** @param deadline the total time one send may take, retries included; positive @return this */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
            this.deadline = state.set("deadline", deadline);
            return this;
        }

        /** @param headerPrefix prefix of the reason/sender/recipient headers, such as {@code X-GitHub-} @return this */
        public Builder headerPrefix(String headerPrefix) {
            Objects.requireNonNull(headerPrefix, "headerPrefix");
            if (!headerPrefix.matches("[A-Za-z][A-Za-z0-9-]{0,40}-")) {
                throw new IllegalArgumentException("header prefix '" + EmailAddresses.printable(headerPrefix)
                        + "' must be letters, digits and hyphens ending with '-', such as X-Mailwright-");
            }
            this.headerPrefix = state.set("headerPrefix", headerPrefix);
            return this;
        }

        /** @param webBase the instance's web root for List-Archive; default {@code https://<hostname>/} @return this */
        public Builder webBase(URI webBase) {
            this.webBase = state.set("webBase", webBase);
            return this;
        }

        /** @param siteName the name in "view it on ..."; default the host name @return this */
        public Builder siteName(String siteName) {
            this.siteName = state.set("siteName", Texts.headerSafe(siteName, "site name"));
            return this;
        }

        /** @param template renders the bodies; default {@link NotificationTemplate#standard()} @return this */
        public Builder template(NotificationTemplate template) {
            this.template = state.set("template", template);
            return this;
        }

        /**
         * @param signer signs every composed message; by default one is built from the settings'
         *     DKIM keys ({@link DkimKeys#signer}), and none when they name no key
         * @return this
         */
        public Builder dkimSigner(DkimSigner signer) {
            this.dkimSigner = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /**
         * @param list the suppression list consulted before each send and fed with permanent
         *     refusals at {@code RCPT}; by default none (every notification goes out). The mailer
         *     does not close it.
         * @return this
         */
        public Builder suppressionList(SuppressionList list) {
            this.suppressionList = Objects.requireNonNull(list, "list");
            return this;
        }

        /**
         * @param enabled false to send from the no-reply address instead of a bounce address (VERP);
         *     for a relay that refuses envelope senders longer than 64 characters before the {@code @}.
         *     Bounces then cannot be attributed. Default true.
         * @return this
         */
        public Builder bounceAddresses(boolean enabled) {
            this.bounceAddresses = enabled;
            return this;
        }

        /**
         * @return the mailer
         * @throws IllegalStateException naming what is missing
         * @throws SmtpException when a DKIM key file of the settings cannot be used
         */
        public NotificationMailer build() {
            require(settings != null, "settings(...) is required");
            require(keyRing != null, "keyRing(...) is required: the reply addresses are signed with it");
            require(transport != null, "transport(...) is required, such as MailTransports.open(\"smtp://\", settings)");
            require(settings.hostname().isPresent(), "the settings have no host name; set mailwright.hostname");
            String noReply = EmailAddresses.require(settings.noReplyAddress().orElse(null), "no-reply address");
            String host = HostNames.normalize(settings.hostname().orElseThrow());
            URI base = webBase != null ? webBase : URI.create("https://" + host + "/");
            if (!base.toString().endsWith("/")) {
                base = URI.create(base + "/");
            }
            BounceAddressCodec bounces = bounceAddresses ? BounceAddressCodec.of(keyRing, settings) : null;
            MessageComposer.Config config = new MessageComposer.Config(noReply, host, new ReplyAddressCodec(keyRing, host),
                    bounces, headerPrefix, base, siteName != null ? siteName : host, template, clock, boundaries);
            DkimSigner signer = dkimSigner != null ? dkimSigner : DkimKeys.signer(settings, clock).orElse(null);
            return new NotificationMailer(this, new MessageComposer(config), signer);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalStateException("NotificationMailer: " + message);
            }
        }
    }
}
