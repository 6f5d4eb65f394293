package dev.mailwright.inbound;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.HostNames;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.internal.Checks;
import dev.mailwright.inbound.internal.DeliveryLedger;
import dev.mailwright.inbound.internal.InboundCounters;
import dev.mailwright.inbound.internal.InboundDiagnostics;
import dev.mailwright.inbound.internal.MessageParser;
import dev.mailwright.inbound.internal.NoticeThrottle;
import dev.mailwright.inbound.internal.RecipientStage;
import dev.mailwright.inbound.internal.ReplyStages;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SenderCheck;
import dev.mailwright.inbound.spi.SourceMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming-mail pipeline: claims messages from a {@link MailSource}, runs the stages in order
 * (parse, automated-mail guard, no-reply discard, reply address, sender check, reply text), hands
 * each verified reply to the host's {@link ReplyHandler} exactly once (recorded in a durable
 * delivery ledger keyed by Message-ID, target, sender and body hash), and files each message by its
 * {@link Disposition}. Malformed input is filed as failure with its reason, never dropped.
 *
 * <pre>{@code
 * try (InboundPipeline pipeline = InboundPipeline.builder()
 *         .settings(settings).keyRing(KeyRing.fromFile(keyFile))
 *         .ledgerDirectory(stateDir).handler(reply -> comments.add(reply)).build();
 *      MaildirSource maildir = MaildirSource.builder(Path.of("/data/user/mail/reply")).open()) {
 *     pipeline.drain(maildir);
 * }
 * }</pre>
 *
 * <p>Thread-safe: several threads may drain their own {@link MaildirSource} instances on one
 * maildir at the same time (as several processes may). Close it to release the ledger.
 */
public final class InboundPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboundPipeline.class);

    private final ReplyStages stages;
    private final ReplyHandler handler;
    private final UnsubscribeHandler unsubscribeHandler;
    private final DeliveryLedger ledger;
    private final RejectionNotifier notifier;
    private final NoticeThrottle throttle;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final int batchSize;
    private final InboundCounters counters = new InboundCounters();

    private InboundPipeline(Builder b) {
        ReplyAddressCodec codec = new ReplyAddressCodec(b.keyRing, b.hostname);
        this.stages = new ReplyStages(new MessageParser(b.maxMessageBytes, b.maxParts),
                new RecipientStage(codec, HostNames.noReplyDomain(b.hostname), b.noReplyAddress, b.discardNoReplyMail),
                b.senderCheck, b.extractor, b.sentNotificationText, b.trustedAuthServIds);
        this.handler = b.handler;
        this.unsubscribeHandler = b.unsubscribeHandler;
        this.notifier = b.notifier;
        this.clock = b.clock;
        this.throttle = new NoticeThrottle(b.ledgerDirectory.resolve("notices"), b.clock);
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.batchSize = b.batchSize;
        this.ledger = new DeliveryLedger(b.ledgerDirectory);
    }

    /** @return a builder; key ring, host name, handler and ledger directory are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes batches until the source has nothing left that is due.
     *
     * @param source the source
     * @return what was done
     */
    public BatchSummary drain(MailSource source) {
        BatchSummary total = BatchSummary.EMPTY;
        BatchSummary last;
        do {
            last = processBatch(source);
            total = total.plus(last);
        } while (last.total() > 0);
        return total;
    }

    /**
     * Claims one batch, processes and files it.
     *
     * @param source the source
     * @return what was done; empty when nothing was waiting
     */
    public BatchSummary processBatch(MailSource source) {
        Objects.requireNonNull(source, "source");
        List<SourceMessage> batch = source.claim(batchSize);
        if (batch.isEmpty()) {
            return BatchSummary.EMPTY;
        }
        List<Pending> pending = new ArrayList<>();
        BatchSummary summary = BatchSummary.EMPTY;
        for (SourceMessage m : batch) {
            ReplyStages.Outcome outcome = runStages(m);
            if (outcome instanceof ReplyStages.Ready ready) {
                pending.add(new Pending(m, ready.reply(), ready.answerable()));
            } else if (outcome instanceof ReplyStages.Unsubscribe u) {
                summary = summary.plus(unsubscribe(source, m, u));
            } else {
                ReplyStages.Stopped stopped = (ReplyStages.Stopped) outcome;
                summary = summary.plus(file(source, m, stopped.disposition(), InboundDiagnostics.describe(stopped.disposition())));
                maybeNotify(stopped);
            }
        }
        summary = summary.plus(deliver(source, pending));
        source.flush();
        return summary;
    }

    private ReplyStages.Outcome runStages(SourceMessage m) {
        try {
            return stages.run(m);
        } catch (RuntimeException e) {
            LOG.warn("Unexpected error while processing {}; filing it as failure", m.location(), e);
            return new ReplyStages.Stopped(new Disposition.Rejected("internal.error",
                    "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()), "", "", false);
        }
    }

    private record Pending(SourceMessage message, DeliveredReply reply, boolean answerable) {
        DeliveryLedger.Entry entry() {
            return new DeliveryLedger.Entry(reply.deliveryKey(), message.id());
        }
    }

    private BatchSummary deliver(MailSource source, List<Pending> pending) {
        if (pending.isEmpty()) {
            return BatchSummary.EMPTY;
        }
        List<DeliveryLedger.Decision> decisions = ledger.begin(pending.stream().map(Pending::entry).toList());
        List<DeliveryLedger.Entry> delivered = new ArrayList<>();
        List<DeliveryLedger.Entry> released = new ArrayList<>();
        List<Disposition> dispositions = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Disposition d = decide(p, decisions.get(i));
            if (decisions.get(i) == DeliveryLedger.Decision.DELIVER || decisions.get(i) == DeliveryLedger.Decision.REDELIVER) {
                (d instanceof Disposition.Delivered ? delivered : released).add(p.entry());
            }
            dispositions.add(d);
        }
        ledger.finish(delivered, released);
        BatchSummary summary = BatchSummary.EMPTY;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Disposition d = dispositions.get(i);
            summary = summary.plus(file(source, p.message(), d, InboundDiagnostics.describe(d) + "\nsender check: "
                    + p.reply().senderVerdict().reason()));
            if (d instanceof Disposition.Rejected) {
                maybeNotify(new ReplyStages.Stopped(d, p.reply().sender(), p.reply().messageId(), !p.answerable()));
            }
        }
        return summary;
    }

    private Disposition decide(Pending p, DeliveryLedger.Decision decision) {
        DeliveredReply reply = p.reply();
        return switch (decision) {
            case DELIVER -> callHandler(p.message(), reply);
            case REDELIVER -> callHandler(p.message(), reply.asPossibleRedelivery());
            case ALREADY_DELIVERED_SAME_FILE -> new Disposition.Delivered(reply.target(), reply.deliveryKey());
            case DUPLICATE -> new Disposition.Discarded("duplicate", "already delivered under key " + reply.deliveryKey()
                    + " (same Message-ID " + reply.messageId() + " and content)");
            case IN_FLIGHT_ELSEWHERE -> new Disposition.Discarded("duplicate", "another process is delivering the same"
                    + " reply right now (key " + reply.deliveryKey() + ", Message-ID " + reply.messageId()
                    + "); its copy is delivered, retried or recovered, never this one");
        };
    }

    private Disposition unsubscribe(MailSource source, SourceMessage m, ReplyStages.Unsubscribe u) {
        ReplyTarget t = u.request().target();
        String what = "unsubscribe request from " + u.request().sender() + " for user " + t.userId() + " on " + t.type()
                + " " + t.id();
        if (unsubscribeHandler == null) {
            Disposition d = new Disposition.Discarded("unsubscribe.unhandled", what
                    + "; no unsubscribe handler is configured (InboundPipeline.Builder.unsubscribeHandler);"
                    + " never handed over as a comment");
            return file(source, m, d, InboundDiagnostics.describe(d));
        }
        Disposition d = withRetry(m, () -> unsubscribeHandler.unsubscribe(u.request()), t, u.deliveryKey());
        return file(source, m, d, d instanceof Disposition.Delivered ? what + ": handed to the unsubscribe handler"
                : InboundDiagnostics.describe(d));
    }

    /** Something the host does for a message, which may throw to ask for a later attempt. */
    private interface HostCall {
        void run() throws Exception;
    }

    private Disposition callHandler(SourceMessage m, DeliveredReply reply) {
        return withRetry(m, () -> handler.handle(reply), reply.target(), reply.deliveryKey());
    }

    private Disposition withRetry(SourceMessage m, HostCall call, ReplyTarget target, String deliveryKey) {
        try {
            call.run();
            return new Disposition.Delivered(target, deliveryKey);
        } catch (Exception e) {
            int attempt = m.attempt();
            String why = "the handler failed (attempt " + attempt + " of " + maxAttempts + "): " + e;
            LOG.warn("Handler failed for {}: {}", m.location(), e.toString());
            if (attempt >= maxAttempts) {
                return new Disposition.Rejected("handler.failed", why);
            }
            Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
            return new Disposition.RetryLater(why, attempt, clock.instant().plus(wait));
        }
    }

    private Disposition file(MailSource source, SourceMessage m, Disposition d, String reason) {
        source.file(m, d, reason);
        counters.record(d);
        return d;
    }

    private void maybeNotify(ReplyStages.Stopped stopped) {
        if (!(stopped.disposition() instanceof Disposition.Rejected r) || stopped.neverAnswer()
                || stopped.sender().isEmpty() || notifier == RejectionNotifier.NONE
                || !throttle.tryAcquire(stopped.sender(), r.code())) {
            return;
        }
        try {
            notifier.notify(new RejectionNotice(stopped.sender(), r.code(), r.reason(), stopped.messageId()));
        } catch (RuntimeException e) {
            LOG.warn("The rejection notifier failed for {}: {}", stopped.sender(), e.toString());
        }
    }

    /**
     * @return what this pipeline filed, per folder and reason code ({@code success},
     *     {@code failure.address.forged}...), a live view; {@code statistics().diagnostics()} is its
     *     diagnostics section
     */
    public InboundStatistics statistics() {
        return new InboundStatistics(counters);
    }

    /** Releases the delivery ledger. */
    @Override
    public void close() {
        ledger.close();
    }

    /** Builds an {@link InboundPipeline}; setters are named after the properties. */
    public static final class Builder {
        private KeyRing keyRing;
        private String hostname;
        private String noReplyAddress;
        private boolean discardNoReplyMail;
        private ReplyHandler handler;
        private UnsubscribeHandler unsubscribeHandler;
        private Path ledgerDirectory;
        private ReplyTextExtractor extractor = ReplyTextExtractor.standard();
        private SenderCheck senderCheck = SenderCheck.ACCEPT_ALL;
        private RejectionNotifier notifier = RejectionNotifier.NONE;
        private Function<ReplyTarget, String> sentNotificationText = t -> null;
        private Clock clock = Clock.systemUTC();
        private long maxMessageBytes = InboundDefaults.MAX_MESSAGE_BYTES;
        private int maxParts = 100;
        private int maxAttempts = 5;
        private Duration backoff = Duration.ofMinutes(1);
        private int batchSize = 64;
        private Set<String> trustedAuthServIds = Set.of();

        private Builder() {
        }

        /**
         * Takes the host name, the no-reply address and the discard setting from the settings.
         *
         * @param settings the email settings (the host name must be set)
         * @return this
         */
        public Builder settings(EmailSettings settings) {
            Objects.requireNonNull(settings, "settings");
            this.hostname = settings.hostname().orElse(null);
            this.noReplyAddress = settings.noReplyAddress().orElse(null);
            this.discardNoReplyMail = settings.discardNoReplyMail();
            return this;
        }

        /** @param keyRing the keys that verify reply addresses @return this */
        public Builder keyRing(KeyRing keyRing) {
            this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
            return this;
        }

        /** @param hostname the instance host name (replies arrive under reply.&lt;hostname&gt;) @return this */
        public Builder hostname(String hostname) {
            this.hostname = HostNames.normalize(hostname);
            return this;
        }

        /** @param address the no-reply address, or null @return this */
        public Builder noReplyAddress(String address) {
            this.noReplyAddress = address;
            return this;
        }

        /** @param discard whether mail to the no-reply address is discarded @return this */
        public Builder discardNoReplyMail(boolean discard) {
            this.discardNoReplyMail = discard;
            return this;
        }

        /** @param handler the host's handler @return this */
        public Builder handler(ReplyHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * @param handler called for a request to unsubscribe sent by mail (the notification's
         *     {@code List-Unsubscribe} mailto: the reply address with the subject {@code unsubscribe});
         *     without one, such requests are filed as discarded ({@code unsubscribe.unhandled})
         * @return this
         */
        public Builder unsubscribeHandler(UnsubscribeHandler handler) {
            this.unsubscribeHandler = Objects.requireNonNull(handler, "unsubscribeHandler");
            return this;
        }

        /** @param dir where the delivery ledger lives; shared by every process on one maildir @return this */
        public Builder ledgerDirectory(Path dir) {
            this.ledgerDirectory = Objects.requireNonNull(dir, "ledgerDirectory");
            return this;
        }

        /** @param extractor the reply-text extractor; {@link ReplyTextExtractor#standard()} by default @return this */
        public Builder extractor(ReplyTextExtractor extractor) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * The authserv-ids (RFC 8601) of the servers whose {@code Authentication-Results} the sender
         * check may believe: the MTA in front of the pipeline that verifies DKIM, SPF and DMARC and
         * removes forged results under its own id (as {@link InboundListener} does for
         * {@link InboundListener.Builder#authServIds its ids}). Results under any other id, or when
         * none is configured (the default), reach the sender check as {@link AuthenticationResults#NONE}.
         *
         * @param ids the ids, case-insensitive, such as {@code mx.ghe.example.com}
         * @return this
         */
        public Builder trustedAuthServIds(String... ids) {
            Set<String> out = new java.util.HashSet<>();
            for (String id : ids) {
                out.add(Objects.requireNonNull(id, "trustedAuthServId").strip().toLowerCase(java.util.Locale.ROOT));
            }
            this.trustedAuthServIds = Set.copyOf(out);
            return this;
        }

        /** @param check the sender check; {@link SenderCheck#ACCEPT_ALL} by default @return this */
        public Builder senderCheck(SenderCheck check) {
            this.senderCheck = Objects.requireNonNull(check, "senderCheck");
            return this;
        }

        /** @param notifier called for rejected replies (throttled); none by default @return this */
        public Builder rejectionNotifier(RejectionNotifier notifier) {
            this.notifier = Objects.requireNonNull(notifier, "rejectionNotifier");
            return this;
        }

        /**
         * @param lookup the text of the notification a target's reply answers (helps the extractor
         *     recognise the quoted notification), or null
         * @return this
         */
        public Builder sentNotificationText(Function<ReplyTarget, String> lookup) {
            this.sentNotificationText = Objects.requireNonNull(lookup, "sentNotificationText");
            return this;
        }

        /** @param clock the clock of retries and notice throttling @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param bytes the largest message parsed; 25 MiB by default @return this */
        public Builder maxMessageBytes(long bytes) {
            this.maxMessageBytes = Checks.positive(bytes, "maxMessageBytes");
            return this;
        }

        /** @param parts the most MIME parts accepted; 100 by default @return this */
        public Builder maxParts(int parts) {
            this.maxParts = (int) Checks.positive(parts, "maxParts");
            return this;
        }

        /** @param attempts handler attempts before failure; 5 by default @return this */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = (int) Checks.positive(attempts, "maxAttempts");
            return this;
        }

        /** @param backoff the wait after the first failure, doubled after each; 1 minute by default @return this */
        public Builder backoff(Duration backoff) {
            Objects.requireNonNull(backoff, "backoff");
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
            }
            this.backoff = backoff;
            return this;
        }

        /** @param size messages claimed per batch; 64 by default @return this */
        public Builder batchSize(int size) {
            this.batchSize = (int) Checks.positive(size, "batchSize");
            return this;
        }

        /**
         * @return the pipeline, with its ledger opened
         * @throws IllegalStateException naming every missing property
         */
        public InboundPipeline build() {
            List<String> missing = new ArrayList<>();
            if (keyRing == null) {
                missing.add("keyRing (the reply-address keys, e.g. KeyRing.fromFile)");
            }
            if (hostname == null) {
                missing.add("hostname (or settings with mailwright.hostname)");
            }
            if (handler == null) {
                missing.add("handler");
            }
            if (ledgerDirectory == null) {
                missing.add("ledgerDirectory");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("InboundPipeline needs: " + String.join(", ", missing));
            }
            hostname = HostNames.normalize(hostname);
            return new InboundPipeline(this);
        }
    }
}
