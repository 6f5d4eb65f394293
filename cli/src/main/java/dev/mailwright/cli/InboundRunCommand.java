package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code mailwright inbound run --maildir DIR}: processes the maildir, printing one JSON event per
 * message (delivered, rejected, discarded or kept for a retry, with where it was filed).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Process the replies waiting in a maildir, an IMAP folder or a POP3 mailbox and print one JSON event per message.",
            "The maildir is the one Postfix's virtual delivery fills; --imap and --pop3 read a mailbox instead (TLS required"
                + " unless the URI says otherwise, credentials from the environment). Each event says what became of the message"
                + " (reply, unsubscribe, rejected, discarded, retry) and where it was filed; steps are logged on"
                + " standard error."})
final class InboundRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InboundOptions options;

    @Mixin
    MailboxOptions mailbox;

    @Option(names = "--watch", description = "Keep running and wait for new mail: IDLE on an IMAP server that offers it,"
            + " polling otherwise (stop with Ctrl-C).")
    boolean watch;

    @Option(names = "--poll", defaultValue = "500ms", paramLabel = "DURATION",
            description = "How often --watch looks for new mail where it cannot be told (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--json", description = "End with the summary as a JSON envelope on standard output.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        options.configureLogging();
        EmailSettings settings = options.settings();
        PrintWriter out = spec.commandLine().getOut();
        Duration interval = dev.mailwright.core.SettingsLoader.parseDuration(poll);
        Progress progress = Progress.of(spec);
        try (ReportingSource source = open(interval, out);
                InboundPipeline pipeline = options.pipeline(settings, options.keyRing()).handler(source.handler())
                        .unsubscribeHandler(source.unsubscribeHandler()).build()) {
            BatchSummary total = drain(pipeline, source, progress, BatchSummary.EMPTY);
            while (watch) {
                source.awaitMessages(mailbox.imap != null ? Duration.ofMinutes(5) : interval);
                total = drain(pipeline, source, progress, total);
            }
            progress.done();
            Optional<String> failure = problem.get();
            if (failure.isPresent()) {
                throw new IllegalStateException(failure.get());
            }
            spec.commandLine().getErr().println("delivered " + total.delivered() + ", rejected " + total.rejected()
                    + ", discarded " + total.discarded() + ", to retry " + total.retried()
                    + " (filed under " + source.filedUnder() + ")");
            if (json) {
                Output.print(spec, true, InboundOptions.summary(total, source.filedUnder()), List.of());
            }
            return ExitCodes.OK;
        }
    }

    /** Processes batch after batch until nothing is due, showing the count so far. */
    private static BatchSummary drain(InboundPipeline pipeline, ReportingSource source, Progress progress, BatchSummary total) {
        BatchSummary sum = total;
        BatchSummary last;
        do {
            last = pipeline.processBatch(source);
            sum = sum.plus(last);
            if (last.total() > 0) {
                progress.step("processed " + source.filed() + " message(s): delivered " + sum.delivered() + ", rejected "
                        + sum.rejected() + ", discarded " + sum.discarded() + ", to retry " + sum.retried() + "…");
            }
        } while (last.total() > 0);
        return sum;
    }

    private Supplier<Optional<String>> problem = Optional::empty;

    private ReportingSource open(Duration interval, PrintWriter out) {
        if (mailbox.given() == (options.maildir != null) || (mailbox.imap != null && mailbox.pop3 != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --maildir, --imap and --pop3");
        }
        if (mailbox.given()) {
            if (options.state == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--imap and --pop3 need --state DIR (the delivery ledger and the mailbox's state)");
            }
            MailboxOptions.Opened opened = mailbox.open(options.state, interval);
            problem = opened.problem();
            return new ReportingSource(opened.source(), opened.where(), opened.filedUnder(), out);
        }
        MaildirSource.Builder b = MaildirSource.builder(options.maildir);
        if (options.filed != null) {
            b.filedInto(options.filed);
        }
        return new ReportingSource(b.open(), out);
    }
}
