package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mailwright inbound listen --port P [--enforce-tls] [--spool DIR] --maildir DIR}: the SMTP listener
 * writing into the maildir, and the pipeline processing it, printing each delivered reply as JSON.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Receive replies over SMTP (STARTTLS, optionally enforced), store them durably in the",
            "maildir, and process them, printing each delivered reply as one JSON line. Stop with Ctrl-C."})
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

    @Option(names = "--cert", paramLabel = "PEM", description = "The certificate chain (PEM); without it a self-signed one is generated.")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "The private key (PEM) of --cert.")
    Path key;

    @Option(names = "--max-size", defaultValue = "26214400", paramLabel = "BYTES",
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
        java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of(settings.hostname(), settings.replyDomain()));
        ids.addAll(options.trustedAuthServIds);
        return ids.toArray(new String[0]);
    }

    @Override
    public Integer call() {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together: give both PEM files, or neither for a self-signed certificate");
        }
        options.configureLogging();
        EmailSettings settings = options.settings();
        KeyRing keys = options.keyRing();
        TlsCredentials tls = cert != null ? TlsCredentials.fromPem(cert, key) : TlsCredentials.selfSigned(settings.replyDomain());
        PrintWriter out = spec.commandLine().getOut();
        try (InboundPipeline pipeline = options.pipeline(settings, keys).handler(reply -> InboundJson.print(out, reply))
                        .unsubscribeHandler(request -> InboundJson.print(out, request)).build();
                InboundListener listener = InboundListener.builder().hostname(settings.hostname()).keyRing(keys)
                        .maildir(options.maildir).spool(spool).bindAddress(bind).port(port).limits(limits()).tls(tls)
                        .authServIds(ownAuthServIds(settings))
                        .enforceTls(enforceTls || settings.enforceTlsForIncoming()).build().start();
                // with --spool the pipeline reads the spool directly; closed before the listener
                MailSource source = listener.source(options.filed == null ? MaildirSource.builder(options.maildir).open()
                        : MaildirSource.builder(options.maildir).filedInto(options.filed).open())) {
            spec.commandLine().getErr().println("listening on " + bind + ":" + listener.port() + " for "
                    + settings.replyDomain() + " and " + settings.noReplyDomain() + " (" + tls + ")");
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
