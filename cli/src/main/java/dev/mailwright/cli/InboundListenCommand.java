package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.inbound.InboundDefaults;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.ListenerLimits;
import dev.mailwright.inbound.MaildirSource;
import dev.mailwright.inbound.TlsCredentials;
import dev.mailwright.inbound.spi.MailSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code mailwright inbound listen --port P [--enforce-tls] [--tls-cert PEM --tls-key PEM] [--spool DIR]
 * --maildir DIR}: the SMTP listener writing into the maildir, and the pipeline processing it,
 * printing one JSON event per message.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Receive replies over SMTP, store them in the maildir, process them and print one JSON event each.",
            "STARTTLS is offered, and required with --enforce-tls; every message is stored durably before it is"
                + " acknowledged. Stop with Ctrl-C."})
final class InboundListenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InboundOptions options;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "The TCP port to listen on.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
    String bind;

    @Option(names = "--enforce-tls", description = "Answer 530 5.7.0 to MAIL before STARTTLS (also mailwright.inbound.enforce-tls).")
    boolean enforceTls;

    @Option(names = {"--tls-cert", "--cert"}, paramLabel = "PEM",
            description = "The TLS certificate chain (PEM); without it a self-signed one is generated.")
    Path cert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "The private key (PEM) of --tls-cert (not a reply-address key: those are --key-file).")
    Path key;

    @Option(names = "--json", description = "Print the listening address as a JSON envelope before the events.")
    boolean json;

    @Option(names = "--max-size", defaultValue = "" + InboundDefaults.MAX_MESSAGE_BYTES, paramLabel = "BYTES",
            description = "The message size limit (default: ${DEFAULT-VALUE}).")
    long maxSize;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "The most connections at once (default: 500).")
    Integer maxConnections;

    @Option(names = "--max-connections-per-client", paramLabel = "N",
            description = "The most connections at once from one client address (default: 50, as Postfix).")
    Integer maxConnectionsPerClient;

    @Option(names = "--command-timeout", paramLabel = "DURATION",
            description = "The time a client has for each command (default: 300s, as Postfix's smtpd_timeout).")
    String commandTimeout;

    @Option(names = "--session-deadline", paramLabel = "DURATION",
            description = "The longest a connection may last (default: 30m).")
    String sessionDeadline;

    @Option(names = "--min-data-rate", paramLabel = "BYTES_PER_SECOND",
            description = "The slowest a message may arrive (default: 500, as Postfix's smtpd_min_data_rate).")
    Integer minDataRate;

    @Option(names = "--spool", paramLabel = "DIR",
            description = {"Acknowledge into a group-committed spool in this directory (best on the maildir's file system)"
                + " instead of one synced file per message; the pipeline reads them from the spool directly."
                + " Faster for bursts; see docs/inbound.md. Messages still in the spool when the command is killed"
                + " are delivered the next time a listener opens it."})
    Path spool;

    private InboundListener listener(EmailSettings settings, KeyRing keys, TlsCredentials tls) {
        InboundListener.Builder b = InboundListener.builder().hostname(settings.hostname().orElseThrow()).keyRing(keys)
                .maildir(options.maildir).bindAddress(bind).port(port).limits(limits()).tls(tls)
                .authServIds(ownAuthServIds(settings)).enforceTls(enforceTls || settings.enforceTlsForIncoming());
        return spool == null ? b.build() : b.spool(spool).build();
    }

    /** @return the limits given on the command line, the defaults for the others */
    ListenerLimits limits() {
        ListenerLimits.Builder b = ListenerLimits.builder().maxMessageBytes(maxSize);
        if (maxConnections != null) {
            b.maxConnections(maxConnections);
        }
        if (maxConnectionsPerClient != null) {
            b.maxConnectionsPerClient(maxConnectionsPerClient);
        }
        if (commandTimeout != null) {
            b.commandTimeout(SettingsLoader.parseDuration(commandTimeout));
        }
        if (sessionDeadline != null) {
            b.sessionDeadline(SettingsLoader.parseDuration(sessionDeadline));
        }
        if (minDataRate != null) {
            b.minDataRate(minDataRate);
        }
        return b.build();
    }

    /** @return the ids the listener renames when a sender wrote them: its own names and every trusted id */
    private String[] ownAuthServIds(EmailSettings settings) {
        java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of(settings.hostname().orElseThrow(), settings.replyDomain()));
        ids.addAll(options.trustedAuthServIds);
        return ids.toArray(new String[0]);
    }

    @Override
    public Integer call() {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both PEM files, or neither for a"
                    + " self-signed certificate");
        }
        if (options.maildir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--maildir=DIR'");
        }
        options.configureLogging();
        EmailSettings settings = options.settings();
        KeyRing keys = options.keyRing();
        TlsCredentials tls = cert != null ? TlsCredentials.fromPem(cert, key) : TlsCredentials.selfSigned(settings.replyDomain());
        PrintWriter out = spec.commandLine().getOut();
        MaildirSource maildir = options.filed == null ? MaildirSource.builder(options.maildir).open()
                : MaildirSource.builder(options.maildir).filedInto(options.filed).open();
        try (InboundListener listener = listener(settings, keys, tls).start();
                // with --spool the pipeline reads the spool directly; closed before the listener
                MailSource read = listener.source(maildir);
                ReportingSource source = read == maildir ? new ReportingSource(maildir, out) : ReportingSource.spool(read, maildir, out);
                InboundPipeline pipeline = options.pipeline(settings, keys).handler(source.handler())
                        .unsubscribeHandler(source.unsubscribeHandler()).build()) {
            spec.commandLine().getErr().println("listening on " + bind + ":" + listener.port() + " for "
                    + settings.replyDomain() + " and " + settings.noReplyDomain() + " (" + tls + ")");
            if (json) {
                Output.print(spec, true, java.util.Map.of("bind", bind, "port", listener.port(), "replyDomain",
                        settings.replyDomain(), "noReplyDomain", settings.noReplyDomain()), java.util.List.of());
            }
            while (!Thread.currentThread().isInterrupted()) {
                if (pipeline.drain(source).total() == 0) {
                    Thread.sleep(100);
                }
            }
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }
}
