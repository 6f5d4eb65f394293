package dev.mailwright.inbound;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.HostNames;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.inbound.internal.BulkDataCommand;
import dev.mailwright.inbound.internal.Checks;
import dev.mailwright.inbound.internal.CountedCommand;
import dev.mailwright.inbound.internal.InboundCounters;
import dev.mailwright.inbound.internal.ListenerHandler;
import dev.mailwright.inbound.internal.ListenerSessions;
import dev.mailwright.inbound.internal.ListenerThreads;
import dev.mailwright.inbound.internal.MailFromCommand;
import dev.mailwright.inbound.internal.NoChunkingCommand;
import dev.mailwright.inbound.internal.ListenerStore;
import dev.mailwright.inbound.internal.MaildirWriter;
import dev.mailwright.inbound.internal.PipeliningEhloCommand;
import dev.mailwright.inbound.internal.SpoolStore;
import dev.mailwright.inbound.internal.StartTlsCommand;
import dev.mailwright.inbound.spi.MailSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP listener embedded in the application (SubEthaSMTP): accepts mail for
 * {@code reply.<hostname>} and {@code noreply.<hostname>} only, refuses malformed or forged reply
 * addresses at {@code RCPT TO}, offers STARTTLS, answers {@code 530 5.7.0} to {@code MAIL} before
 * STARTTLS when TLS is enforced, and answers {@code 250} to {@code DATA} only once the message is
 * durable: written and synced into the maildir, or, with a {@linkplain Builder#spool spool}, synced
 * into the spool that feeds the maildir. An {@link InboundPipeline} on a {@link MaildirSource} of
 * the same maildir takes it from there, or, in the same process, on {@link #source} (the spool read
 * directly).
 *
 * <p>Meant to face the internet: what one client can make it spend is bounded by
 * {@link ListenerLimits} (timeouts, a minimum data rate, a session deadline, connection caps,
 * recipients, size); only {@code <CR><LF>.<CR><LF>} ends the data (a bare line ending is refused,
 * against SMTP smuggling); {@code Authentication-Results} under the instance's own authserv-ids are
 * stored renamed; every connection, command outcome and message is one INFO log line. See
 * {@code docs/inbound.md}, "Running on port 25".
 *
 * <pre>{@code
 * try (InboundListener listener = InboundListener.builder().hostname("ghe.example.com")
 *         .keyRing(keys).maildir(Path.of("/data/user/mail/reply")).port(25)
 *         .bindAddress("0.0.0.0").tls(TlsCredentials.fromPem(cert, key)).enforceTls(true).build().start()) {
 *     ...
 * }
 * }</pre>
 */
public final class InboundListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboundListener.class);

    private final SMTPServer server;
    private final ListenerStore store;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final InboundCounters counters = new InboundCounters();
    private final String bind;
    private final ListenerSessions sessions;
    private final Path maildir;

    private InboundListener(Builder b) {
        ReplyAddressCodec codec = new ReplyAddressCodec(b.keyRing, b.hostname);
        InetAddress address;
        try {
            address = InetAddress.getByName(b.bindAddress);
        } catch (UnknownHostException e) {
            throw new InboundException("Cannot resolve the bind address '" + b.bindAddress
                    + "': give an IP address such as 127.0.0.1 or 0.0.0.0.", e);
        }
        ListenerLimits limits = b.limits;
        this.maildir = b.maildir.toAbsolutePath().normalize();
        MaildirWriter writer = new MaildirWriter(b.maildir, b.hostname, b.clock);
        this.store = b.spool == null ? writer : new SpoolStore(b.spool, writer, SpoolStore.Tuning.DEFAULT, counters);
        Set<String> ownIds = b.authServIds != null ? b.authServIds : Set.of(b.hostname, codec.replyDomain());
        ListenerHandler.Config config = new ListenerHandler.Config(codec, HostNames.noReplyDomain(b.hostname),
                store, limits.maxMessageBytes(), b.enforceTls, ownIds, accepted, refused, counters, b.clock);
        this.bind = b.bindAddress;
        this.sessions = new ListenerSessions(limits, counters);
        SMTPServer.Builder sb = SMTPServer.port(b.port).bindAddress(address).hostName(codec.replyDomain())
                .softwareName("Mailwright").maxMessageSize((int) Math.min(Integer.MAX_VALUE, limits.maxMessageBytes()))
                .connectionTimeoutMs((int) Math.min(Integer.MAX_VALUE, limits.commandTimeout().toMillis()))
                .maxRecipients(limits.maxRecipients()).backlog(limits.backlog())
                // the sessions enforce the cap (and log it); SubEthaSMTP's own check is a backstop above it
                .maxConnections(limits.maxConnections() + 5).sessionHandler(sessions)
                .serverSocketFactory(sessions::newServerSocket).executorService(ListenerThreads.pool(counters))
                .messageHandlerFactory(ctx -> new ListenerHandler(config, ctx));
        if (b.tls != null) {
            sb.enableTLS(true).startTlsSocketFactory(b.tls.sslContext());
        }
        this.server = sb.build();
        CommandHandler commands = server.getCommandHandler();
        commands.addCommand(new BulkDataCommand(sessions));
        commands.addCommand(new PipeliningEhloCommand());
        commands.addCommand(new MailFromCommand());
        commands.addCommand(new NoChunkingCommand(sessions));
        commands.addCommand(new StartTlsCommand());
        for (String verb : List.copyOf(commands.getVerbs())) {
            commands.addCommand(new CountedCommand(commands.getCommand(verb), sessions));
        }
    }

    /** @return a builder; host name, key ring and maildir are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return this listener, listening
     * @throws InboundException when the port cannot be bound
     */
    public InboundListener start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            store.close();
            throw new InboundException("Cannot listen on " + bind + ":" + server.getPort() + ": " + e.getMessage()
                    + ". Choose a free port (ports below 1024 need privileges) or another bind address.", e);
        }
        LOG.info("Listening for replies on {}:{}", bind, port());
        return this;
    }

    /**
     * A source for a pipeline running in this process: with a {@linkplain Builder#spool spool}, the
     * pipeline reads the acknowledged messages from the spool directly instead of each going
     * through a synced file in {@code new/} first (the maildir is still read, for messages that
     * skipped the spool and for retries); without one, {@code maildir} itself. The returned source
     * takes {@code maildir} over: close the returned source (before the listener), not both. While
     * it is open the spool's messages are not delivered into {@code new/}; once it is closed,
     * whatever it did not file is.
     *
     * <pre>{@code
     * try (InboundListener listener = InboundListener.builder()...spool(spoolDir).build().start();
     *      MailSource source = listener.source(MaildirSource.builder(maildir).open())) {
     *     while (running) {
     *         if (pipeline.drain(source).total() == 0) Thread.sleep(50);
     *     }
     * }
     * }</pre>
     *
     * @param maildir a source on this listener's maildir
     * @return the source to drain
     * @throws IllegalArgumentException when {@code maildir} is another maildir
     */
    public MailSource source(MaildirSource maildir) {
        Objects.requireNonNull(maildir, "maildir");
        if (!maildir.maildir().equals(this.maildir)) {
            throw new IllegalArgumentException("the MaildirSource reads " + maildir.maildir() + ", not this listener's maildir "
                    + this.maildir + ": open it on the listener's maildir");
        }
        return store instanceof SpoolStore spool ? new SpoolSource(spool, maildir) : maildir;
    }

    /** @return the port listened on (the allocated one when built with port 0) */
    public int port() {
        int allocated = server.getPortAllocated();
        return allocated > 0 ? allocated : server.getPort();
    }

    /** @return how many messages were acknowledged (durably stored) */
    public long acceptedCount() {
        return accepted.get();
    }

    /** @return how many MAIL, RCPT or DATA commands were refused */
    public long refusedCount() {
        return refused.get();
    }

    /**
     * @return this listener's counters (accepted messages, refused commands and connections, spool
     *     syncs...), a live view; {@code statistics().diagnostics()} is its diagnostics section
     */
    public InboundStatistics statistics() {
        return new InboundStatistics(counters);
    }

    /** @return how many connections were refused for a connection cap ({@link ListenerLimits}) */
    public long refusedConnectionCount() {
        return sessions.refusedConnections();
    }

    /**
     * Stops listening. With a spool, the messages still in it are delivered into the maildir first
     * (up to a minute; what remains is delivered when a listener opens the spool again).
     */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            store.close();
        }
    }

    /** Builds an {@link InboundListener}. */
    public static final class Builder {
        private final BuilderState state = new BuilderState("InboundListener.Builder");
        private String hostname;
        private KeyRing keyRing;
        private Path maildir;
        private String bindAddress = "127.0.0.1";
        private int port = 25;
        private ListenerLimits limits = ListenerLimits.DEFAULTS;
        private Set<String> authServIds;
        private TlsCredentials tls;
        private boolean enforceTls;
        private Clock clock = Clock.systemUTC();
        private Path spool;

        private Builder() {
        }

        /** @param hostname the instance host name @return this */
        public Builder hostname(String hostname) {
            this.hostname = HostNames.normalize(state.set("hostname", hostname));
            return this;
        }

        /** @param keyRing the keys that verify reply addresses @return this */
        public Builder keyRing(KeyRing keyRing) {
            this.keyRing = state.set("keyRing", keyRing);
            return this;
        }

        /** @param maildir the maildir accepted messages are written into @return this */
        public Builder maildir(Path maildir) {
            this.maildir = state.set("maildir", maildir);
            return this;
        }

        /**
         * Puts a group-committed spool in front of the maildir, for listeners that must acknowledge
         * bursts faster than the file system creates and syncs one file per message.
         *
         * <p>Without a spool (the default), {@code 250} follows the message's own file being written,
         * synced and renamed into {@code new/}. With one, {@code 250} follows the message being
         * appended to a preallocated spool file and synced together with the messages of the other
         * sessions waiting at that moment; a background thread then delivers it into the maildir
         * exactly as without a spool (file synced, renamed, {@code new/} synced): at once while fewer
         * than 32 messages wait, otherwise as soon as the listener is quiet for 50 ms or a message has
         * waited 5 seconds. Either way an acknowledged message
         * survives a crash: on start, whatever the spool holds is delivered. Messages over 1 MiB, and
         * messages arriving while 512 MiB wait in the spool, skip it. One listener per spool directory.
         *
         * @param directory the spool directory, best on the maildir's file system (leave unset for none)
         * @return this
         */
        public Builder spool(Path directory) {
            this.spool = state.set("spool", directory);
            return this;
        }

        /** @param address the IP address to bind; 127.0.0.1 by default, 0.0.0.0 for all @return this */
        public Builder bindAddress(String address) {
            this.bindAddress = state.set("bindAddress", address);
            return this;
        }

        /** @param port the TCP port, 0 for any free one; 25 by default @return this */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
            }
            this.port = state.set("port", port);
            return this;
        }

        /**
         * @param limits timeouts, connection caps, the recipient and size limits; {@link ListenerLimits#DEFAULTS} by default
         * @return this
         */
        public Builder limits(ListenerLimits limits) {
            this.limits = state.set("limits", limits);
            return this;
        }

        /**
         * The authserv-ids (RFC 8601) that only this instance may write: an {@code Authentication-Results}
         * field under one of them that arrives with a message was written by the sender, and is renamed
         * {@code X-Original-Authentication-Results} before the message is stored. By default the host name
         * and {@code reply.<hostname>}; give the ids under which the pipeline's
         * {@link InboundPipeline.Builder#trustedAuthServIds trusted} results are written.
         *
         * @param ids the ids, case-insensitive
         * @return this
         */
        public Builder authServIds(String... ids) {
            state.set("authServIds", ids);
            Set<String> out = new java.util.HashSet<>();
            for (String id : ids) {
                out.add(Objects.requireNonNull(id, "authServId").strip().toLowerCase(Locale.ROOT));
            }
            this.authServIds = Set.copyOf(out);
            return this;
        }

        /** @param tls the STARTTLS credentials (leave unset for no STARTTLS) @return this */
        public Builder tls(TlsCredentials tls) {
            this.tls = state.set("tls", tls);
            return this;
        }

        /** @param enforce whether MAIL before STARTTLS is answered {@code 530 5.7.0} @return this */
        public Builder enforceTls(boolean enforce) {
            this.enforceTls = state.set("enforceTls", enforce);
            return this;
        }

        /** @param clock the clock of maildir file names and Received headers @return this */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /**
         * @return the listener, not yet started
         * @throws IllegalStateException naming every missing property, or when TLS is enforced without credentials
         */
        public InboundListener build() {
            List<String> missing = new ArrayList<>();
            if (hostname == null) {
                missing.add("hostname");
            }
            if (keyRing == null) {
                missing.add("keyRing");
            }
            if (maildir == null) {
                missing.add("maildir");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("InboundListener needs: " + String.join(", ", missing));
            }
            if (enforceTls && tls == null) {
                throw new IllegalStateException("enforceTls(true) needs tls(...): give PEM files with"
                        + " TlsCredentials.fromPem(cert, key) or use TlsCredentials.selfSigned(hostname) for development");
            }
            return new InboundListener(this);
        }
    }
}
