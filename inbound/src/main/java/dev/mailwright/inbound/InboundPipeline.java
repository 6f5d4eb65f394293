package dev.mailwright.inbound;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BuilderState;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.HostNames;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.inbound.bounce.BounceHandler;
import dev.mailwright.inbound.bounce.BounceRecognizer;
import dev.mailwright.inbound.internal.BounceStage;
import dev.mailwright.inbound.internal.Checks;
import dev.mailwright.inbound.internal.DeliverStage;
import dev.mailwright.inbound.internal.Envelopes;
import dev.mailwright.inbound.internal.Events;
import dev.mailwright.inbound.internal.HostCalls;
import dev.mailwright.inbound.internal.InboundCounters;
import dev.mailwright.inbound.internal.InboundDiagnostics;
import dev.mailwright.inbound.internal.MessageParser;
import dev.mailwright.inbound.internal.Notices;
import dev.mailwright.core.spi.DeliveryLedger;
import dev.mailwright.core.spi.NoticeThrottle;
import dev.mailwright.inbound.internal.FileDeliveryLedger;
import dev.mailwright.inbound.internal.FileNoticeThrottle;
import dev.mailwright.inbound.internal.RecipientStage;
import dev.mailwright.inbound.internal.ReplyStages;
import dev.mailwright.inbound.internal.RoutingStages;
import dev.mailwright.inbound.internal.StageChain;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import dev.mailwright.inbound.spi.InboundStage;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SenderCheck;
import dev.mailwright.inbound.spi.SourceMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The incoming-mail pipeline: claims messages from a {@link MailSource} and runs each through a
 * chain of {@link InboundStage stages} — {@code parse}, {@code bounce} (when bounces are
 * configured), {@code automated-guard}, {@code recipient}, {@code sender-check}, {@code unsubscribe},
 * {@code new-thread}, {@code extract}, {@code deliver} — each stopping the message with a
 * {@link Disposition} or passing it on. The last stage hands each verified reply to the host's
 * {@link ReplyHandler} (and each new-thread mail to its {@link NewThreadHandler}) exactly once,
 * recorded in a durable delivery ledger keyed by Message-ID, target, sender and body hash. Each
 * message is filed by its disposition with the name of the stage that decided. Malformed input is
 * filed as failure with its reason, never dropped. A host adds its own stages with
 * {@link Builder#stageBefore} and {@link Builder#stageAfter}.
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
    private final StageChain chain;
    private final int batchSize;
    private final long maxMessageBytes;
    private final Path acceptMaildir;
    private final String replyDomain;
    private final Clock clock;
    private MaildirSource accepted;
    private final InboundCounters counters;

    private InboundPipeline(StageChain chain, InboundCounters counters, Builder b) {
        this.chain = chain;
        this.counters = counters;
        this.batchSize = b.batchSize;
        this.maxMessageBytes = b.maxMessageBytes;
        this.acceptMaildir = b.acceptMaildir != null ? b.acceptMaildir
                : b.ledgerDirectory != null ? b.ledgerDirectory.resolve("accepted") : null;
        this.replyDomain = "reply." + b.hostname;
        this.clock = b.clock;
    }

    /** @return a builder; key ring, host name, handler and ledger directory (or both plug-ins) are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the names of the stages in the order they run, the host's own among them, {@code deliver} last */
    public List<String> stages() {
        return chain.names();
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
        BatchSummary summary = BatchSummary.EMPTY;
        for (Disposition d : chain.process(source, batch)) {
            summary = summary.plus(d);
        }
        source.flush();
        return summary;
    }

    /**
     * Takes one raw message from anywhere (a mail receiver posting over HTTP, a provider's inbound
     * webhook, Postfix's pipe transport): records the envelope above it as a receiving server
     * would ({@code Return-Path}, {@code Delivered-To}, {@code Received} with the client's address),
     * stores it durably in the accept maildir ({@link Builder#acceptMaildir}), runs it through the
     * stages and files it like any other message. At most {@link Builder#maxMessageBytes} bytes
     * are read: a larger message is filed as failure ({@code parse.too-large}) with its first bytes.
     * A {@link Disposition.RetryLater} stays in the accept maildir's retry folder until
     * {@link #drainAccepted()}.
     *
     * @param rfc822 the message as received (header fields, empty line, body); read, not closed
     * @param envelope what the sender of the message knows of its envelope, {@link Envelope#UNKNOWN} when nothing
     * @return what became of it
     * @throws InboundException when the input cannot be read (nothing was filed: send it again) or
     *     the accept maildir cannot be written
     */
    public Disposition accept(InputStream rfc822, Envelope envelope) {
        Objects.requireNonNull(rfc822, "rfc822");
        Objects.requireNonNull(envelope, "envelope");
        String name = clock.millis() + "." + UUID.randomUUID() + ".accepted";
        byte[] head = Envelopes.prefix(envelope, replyDomain, name, DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().atZone(ZoneOffset.UTC))).getBytes(StandardCharsets.UTF_8);
        byte[] body;
        try {
            body = rfc822.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxMessageBytes + 1));
        } catch (IOException e) {
            throw new InboundException("Cannot read the message handed to InboundPipeline.accept: " + e.getMessage()
                    + ". Nothing was filed; send the message again.", e);
        }
        boolean tooLarge = body.length > maxMessageBytes;
        byte[] content = new byte[head.length + (int) Math.min(body.length, maxMessageBytes)];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(body, 0, content, head.length, content.length - head.length);
        synchronized (this) {
            MaildirSource source = acceptSource();
            source.adopt(name, content, true);
            SourceMessage m = new SourceMessage(name, "accepted message " + name, content, 1);
            if (tooLarge || body.length == 0) {
                Disposition d = body.length == 0 ? new Disposition.Rejected("parse.empty", "the message is empty")
                        : new Disposition.Rejected("parse.too-large", "the message has more than the limit of "
                        + maxMessageBytes + " bytes (InboundPipeline.Builder.maxMessageBytes); its first "
                        + maxMessageBytes + " bytes are filed");
                source.file(m, d, InboundDiagnostics.describe(d) + "\nstage: accept");
                counters.record(d);
                source.flush();
                return d;
            }
            Disposition d = chain.process(source, List.of(m)).get(0);
            source.flush();
            return d;
        }
    }

    /**
     * Processes the accepted messages whose retry is due.
     *
     * @return what was done
     */
    public synchronized BatchSummary drainAccepted() {
        return drain(acceptSource());
    }

    private MaildirSource acceptSource() {
        if (accepted == null) {
            if (acceptMaildir == null) {
                throw new IllegalStateException("accept needs a directory to store messages in: set acceptMaildir (or"
                        + " ledgerDirectory) on the pipeline's builder when the ledger and the throttle are plug-ins");
            }
            accepted = MaildirSource.builder(acceptMaildir)
                    .filedInto(acceptMaildir.resolveSibling(acceptMaildir.getFileName() + "-filed"))
                    .maxMessageBytes(maxMessageBytes + 64 * 1024).clock(clock).open();
        }
        return accepted;
    }

    /**
     * @return what this pipeline filed, per folder and reason code ({@code success},
     *     {@code failure.address.forged}...), a live view; {@code statistics().diagnostics()} is its
     *     diagnostics section
     */
    public InboundStatistics statistics() {
        return new InboundStatistics(counters);
    }

    /** Releases the delivery ledger and the accept maildir. */
    @Override
    public synchronized void close() {
        try {
            if (accepted != null) {
                accepted.close();
            }
        } finally {
            chain.close();
        }
    }

    /**
     * Builds an {@link InboundPipeline}; setters are named after the properties. Each property is
     * set once: a second call, or null, is refused with a message naming it.
     */
    public static final class Builder {
        private final BuilderState state = new BuilderState("InboundPipeline.Builder");
        private final List<HostStage> hostStages = new ArrayList<>();
        private EmailSettings settings;
        private KeyRing keyRing;
        private String hostname;
        private String noReplyAddress;
        private Boolean discardNoReplyMail;
        private ReplyHandler handler;
        private UnsubscribeHandler unsubscribeHandler;
        private NewThreadHandler newThreadHandler;
        private BounceAddressCodec bounceCodec;
        private BounceHandler bounceHandler;
        private SuppressionList suppressionList;
        private Path ledgerDirectory;
        private Path acceptMaildir;
        private DeliveryLedger deliveryLedger;
        private NoticeThrottle noticeThrottle;
        private ReplyTextExtractor extractor = ReplyTextExtractor.standard();
        private SenderCheck senderCheck = SenderCheck.ACCEPT_ALL;
        private RejectionNotifier notifier = RejectionNotifier.NONE;
        private InboundEventListener eventListener = InboundEventListener.NONE;
        private Function<ReplyTarget, String> sentNotificationText = t -> null;
        private Clock clock = Clock.systemUTC();
        private long maxMessageBytes = InboundDefaults.MAX_MESSAGE_BYTES;
        private int maxParts = 100;
        private int maxAttempts = 5;
        private Duration backoff = Duration.ofMinutes(1);
        private int batchSize = 64;
        private Set<String> trustedAuthServIds = Set.of();

        private record HostStage(String anchor, boolean before, String name, InboundStage stage) {
        }

        private Builder() {
        }

        /**
         * Takes the host name, the no-reply address, the discard setting and the bounce domain from
         * the settings; {@link #hostname}, {@link #noReplyAddress} and {@link #discardNoReplyMail}
         * set explicitly take precedence.
         *
         * @param settings the email settings (the host name must be set)
         * @return this
         */
        public Builder settings(EmailSettings settings) {
            this.settings = state.set("settings", settings);
            return this;
        }

        /** @param keyRing the keys that verify reply addresses @return this */
        public Builder keyRing(KeyRing keyRing) {
            this.keyRing = state.set("keyRing", keyRing);
            return this;
        }

        /** @param hostname the instance host name (replies arrive under reply.&lt;hostname&gt;) @return this */
        public Builder hostname(String hostname) {
            this.hostname = HostNames.normalize(state.set("hostname", hostname));
            return this;
        }

        /** @param address the no-reply address @return this */
        public Builder noReplyAddress(String address) {
            this.noReplyAddress = state.set("noReplyAddress", address);
            return this;
        }

        /** @param discard whether mail to the no-reply address is discarded @return this */
        public Builder discardNoReplyMail(boolean discard) {
            this.discardNoReplyMail = state.set("discardNoReplyMail", discard);
            return this;
        }

        /** @param handler the host's handler of replies @return this */
        public Builder handler(ReplyHandler handler) {
            this.handler = state.set("handler", handler);
            return this;
        }

        /**
         * @param handler called for a request to unsubscribe sent by mail (the notification's
         *     {@code List-Unsubscribe} mailto: the reply address with the subject {@code unsubscribe});
         *     without one, such requests are filed as discarded ({@code unsubscribe.unhandled})
         * @return this
         */
        public Builder unsubscribeHandler(UnsubscribeHandler handler) {
            this.unsubscribeHandler = state.set("unsubscribeHandler", handler);
            return this;
        }

        /**
         * @param handler called (once per delivery key) for mail to a verified new-thread address;
         *     without one, such mail is filed as failure ({@code address.new-thread})
         * @return this
         */
        public Builder newThreadHandler(NewThreadHandler handler) {
            this.newThreadHandler = state.set("newThreadHandler", handler);
            return this;
        }

        /**
         * Puts the {@code bounce} stage in the chain with this codec (the mailer's). Without it, a
         * {@link #bounceHandler} or {@link #suppressionList} uses the bounce domain of the
         * {@link #settings}, or {@code noreply.<hostname>}.
         *
         * @param codec verifies the bounce addresses (VERP) of incoming reports
         * @return this
         */
        public Builder bounceCodec(BounceAddressCodec codec) {
            this.bounceCodec = state.set("bounceCodec", codec);
            return this;
        }

        /** @param handler told of each attributed bounce, complaint or auto-reply @return this */
        public Builder bounceHandler(BounceHandler handler) {
            this.bounceHandler = state.set("bounceHandler", handler);
            return this;
        }

        /** @param list counts each attributed bounce and complaint (the mailer skips suppressed addresses) @return this */
        public Builder suppressionList(SuppressionList list) {
            this.suppressionList = state.set("suppressionList", list);
            return this;
        }

        /**
         * Adds a host stage (a spam gate, a size policy) just before a stage of the chain.
         *
         * @param anchor the name of a built-in stage ({@link InboundStage#BUILT_IN}) or of a host
         *     stage added earlier
         * @param name the new stage's name, unique, for the filed reasons
         * @param stage the stage
         * @return this
         */
        public Builder stageBefore(String anchor, String name, InboundStage stage) {
            return addStage(anchor, true, name, stage);
        }

        /**
         * Adds a host stage just after a stage of the chain (never after {@code deliver}).
         *
         * @param anchor the name of a built-in stage or of a host stage added earlier
         * @param name the new stage's name, unique
         * @param stage the stage
         * @return this
         */
        public Builder stageAfter(String anchor, String name, InboundStage stage) {
            return addStage(anchor, false, name, stage);
        }

        private Builder addStage(String anchor, boolean before, String name, InboundStage stage) {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(stage, "stage");
            if (Objects.requireNonNull(name, "name").isBlank() || InboundStage.BUILT_IN.contains(name)
                    || !name.matches("[a-z0-9][a-z0-9.-]{0,63}")) {
                throw new IllegalArgumentException("InboundPipeline.Builder: the stage name '" + name + "' must be"
                        + " lower-case letters, digits, '.' and '-' (at most 64), and not a built-in stage's "
                        + InboundStage.BUILT_IN);
            }
            if (!before && anchor.equals(InboundStage.DELIVER)) {
                throw new IllegalArgumentException("InboundPipeline.Builder: no stage can follow 'deliver', the last;"
                        + " add '" + name + "' before it");
            }
            if (!InboundStage.BUILT_IN.contains(anchor) && hostStages.stream().noneMatch(h -> h.name().equals(anchor))) {
                throw new IllegalArgumentException("InboundPipeline.Builder: no stage named '" + anchor + "' to add '"
                        + name + "' " + (before ? "before" : "after") + "; the built-in stages are " + InboundStage.BUILT_IN);
            }
            state.set("stage " + name, stage);
            hostStages.add(new HostStage(anchor, before, name, stage));
            return this;
        }

        /** @param dir where the delivery ledger lives; shared by every process on one maildir @return this */
        public Builder ledgerDirectory(Path dir) {
            this.ledgerDirectory = state.set("ledgerDirectory", dir);
            return this;
        }

        /**
         * @param dir the maildir where {@link InboundPipeline#accept} stores messages; default
         *     {@code <ledgerDirectory>/accepted}, filed into {@code <dir>-filed}
         * @return this
         */
        public Builder acceptMaildir(Path dir) {
            this.acceptMaildir = state.set("acceptMaildir", dir);
            return this;
        }

        /**
         * @param ledger where deliveries are recorded instead of the file ledger in the
         *     {@link #ledgerDirectory ledger directory}: for pipelines on several nodes, the outbox
         *     module's PostgreSQL ledger; closed by {@link InboundPipeline#close()}
         * @return this
         */
        public Builder deliveryLedger(DeliveryLedger ledger) {
            this.deliveryLedger = state.set("deliveryLedger", ledger);
            return this;
        }

        /**
         * @param throttle what allows one rejection notice per sender and reason per day instead of
         *     the files under the {@link #ledgerDirectory ledger directory}: for pipelines on
         *     several nodes, the outbox module's PostgreSQL throttle
         * @return this
         */
        public Builder noticeThrottle(NoticeThrottle throttle) {
            this.noticeThrottle = state.set("noticeThrottle", throttle);
            return this;
        }

        /** @param extractor the reply-text extractor; {@link ReplyTextExtractor#standard()} by default @return this */
        public Builder extractor(ReplyTextExtractor extractor) {
            this.extractor = state.set("extractor", extractor);
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
            Set<String> out = new HashSet<>();
            for (String id : state.set("trustedAuthServIds", ids)) {
                out.add(Objects.requireNonNull(id, "trustedAuthServId").strip().toLowerCase(Locale.ROOT));
            }
            this.trustedAuthServIds = Set.copyOf(out);
            return this;
        }

        /** @param check the sender check; {@link SenderCheck#ACCEPT_ALL} by default @return this */
        public Builder senderCheck(SenderCheck check) {
            this.senderCheck = state.set("senderCheck", check);
            return this;
        }

        /** @param notifier called for rejected replies (throttled); none by default @return this */
        public Builder rejectionNotifier(RejectionNotifier notifier) {
            this.notifier = state.set("rejectionNotifier", notifier);
            return this;
        }

        /**
         * @param lookup the text of the notification a target's reply answers (helps the extractor
         *     recognise the quoted notification); the function may return null
         * @return this
         */
        public Builder sentNotificationText(Function<ReplyTarget, String> lookup) {
            this.sentNotificationText = state.set("sentNotificationText", lookup);
            return this;
        }

        /**
         * @param listener told of each message received, each stage's decision, each handler call
         *     and each filing, with durations; {@link InboundEventListener#NONE} by default
         * @return this
         */
        public Builder eventListener(InboundEventListener listener) {
            this.eventListener = state.set("eventListener", listener);
            return this;
        }

        /** @param clock the clock of retries and notice throttling @return this */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /** @param bytes the largest message parsed; 25 MiB by default @return this */
        public Builder maxMessageBytes(long bytes) {
            this.maxMessageBytes = Checks.positive(state.set("maxMessageBytes", bytes), "maxMessageBytes");
            return this;
        }

        /** @param parts the most MIME parts accepted; 100 by default @return this */
        public Builder maxParts(int parts) {
            this.maxParts = (int) Checks.positive(state.set("maxParts", parts), "maxParts");
            return this;
        }

        /** @param attempts handler attempts before failure; 5 by default @return this */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = (int) Checks.positive(state.set("maxAttempts", attempts), "maxAttempts");
            return this;
        }

        /** @param backoff the wait after the first failure, doubled after each; 1 minute by default @return this */
        public Builder backoff(Duration backoff) {
            if (state.set("backoff", backoff).isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
            }
            this.backoff = backoff;
            return this;
        }

        /** @param size messages claimed per batch; 64 by default @return this */
        public Builder batchSize(int size) {
            this.batchSize = (int) Checks.positive(state.set("batchSize", size), "batchSize");
            return this;
        }

        /**
         * @return the pipeline, with its ledger opened
         * @throws IllegalStateException naming every missing property
         */
        public InboundPipeline build() {
            if (settings != null) {
                hostname = hostname != null ? hostname : settings.hostname().map(HostNames::normalize).orElse(null);
                noReplyAddress = noReplyAddress != null ? noReplyAddress : settings.noReplyAddress().orElse(null);
                discardNoReplyMail = discardNoReplyMail != null ? discardNoReplyMail : settings.discardNoReplyMail();
            }
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
            if (ledgerDirectory == null && (deliveryLedger == null || noticeThrottle == null)) {
                missing.add("ledgerDirectory (or both deliveryLedger and noticeThrottle)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("InboundPipeline needs: " + String.join(", ", missing));
            }
            InboundCounters counters = new InboundCounters();
            return new InboundPipeline(chain(counters), counters, this);
        }

        private StageChain chain(InboundCounters counters) {
            Events events = new Events(eventListener);
            HostCalls calls = new HostCalls(maxAttempts, backoff, clock, events);
            ReplyStages reply = new ReplyStages(new MessageParser(maxMessageBytes, maxParts),
                    new RecipientStage(new ReplyAddressCodec(keyRing, hostname), HostNames.noReplyDomain(hostname),
                            noReplyAddress, Boolean.TRUE.equals(discardNoReplyMail)),
                    senderCheck, extractor, sentNotificationText, trustedAuthServIds);
            List<StageChain.Named> stages = new ArrayList<>();
            stages.add(new StageChain.Named(InboundStage.PARSE, reply.parse()));
            if (bounceCodec != null || bounceHandler != null || suppressionList != null) {
                BounceAddressCodec codec = bounceCodec != null ? bounceCodec : settings != null
                        && settings.bounceDomain().isPresent() ? BounceAddressCodec.of(keyRing, settings)
                        : new BounceAddressCodec(keyRing, HostNames.noReplyDomain(hostname));
                stages.add(new StageChain.Named(InboundStage.BOUNCE, new BounceStage(BounceRecognizer.builder()
                        .codec(codec).maxMessageBytes(Math.max(1024, maxMessageBytes)).build(),
                        bounceHandler, suppressionList, calls)));
            }
            stages.add(new StageChain.Named(InboundStage.AUTOMATED_GUARD, ReplyStages.automatedGuard()));
            stages.add(new StageChain.Named(InboundStage.RECIPIENT, reply.recipient()));
            stages.add(new StageChain.Named(InboundStage.SENDER_CHECK, reply.senderCheck()));
            stages.add(new StageChain.Named(InboundStage.UNSUBSCRIBE, RoutingStages.unsubscribe(unsubscribeHandler, calls)));
            stages.add(new StageChain.Named(InboundStage.NEW_THREAD, RoutingStages.newThread(newThreadHandler != null)));
            stages.add(new StageChain.Named(InboundStage.EXTRACT, reply.extract()));
            stages.add(new StageChain.Named(InboundStage.DELIVER, ctx -> ctx.pass()));
            for (HostStage h : hostStages) {
                int at = indexOf(stages, h.anchor());
                if (at < 0) { // 'bounce' when bounces are not configured: its place is before 'automated-guard'
                    at = indexOf(stages, InboundStage.AUTOMATED_GUARD);
                } else if (!h.before()) {
                    at++;
                    while (at < stages.size() && addedAfter(stages.get(at).name(), h.anchor())) {
                        at++; // stages added after the same anchor earlier keep their order
                    }
                }
                stages.add(at, new StageChain.Named(h.name(), h.stage()));
            }
            stages.remove(indexOf(stages, InboundStage.DELIVER));
            return new StageChain(stages, new DeliverStage(deliveryLedger != null ? deliveryLedger : new FileDeliveryLedger(ledgerDirectory), handler,
                    newThreadHandler, calls), new Notices(notifier, noticeThrottle != null ? noticeThrottle
                    : new FileNoticeThrottle(ledgerDirectory.resolve("notices"), clock)),
                    events, counters);
        }

        private boolean addedAfter(String name, String anchor) {
            return hostStages.stream().anyMatch(h -> h.name().equals(name) && !h.before() && h.anchor().equals(anchor));
        }

        private static int indexOf(List<StageChain.Named> stages, String name) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
