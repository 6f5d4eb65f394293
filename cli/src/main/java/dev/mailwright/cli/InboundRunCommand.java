package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
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
        description = {"Process the replies waiting in a maildir and print one JSON event per message.",
            "The maildir is the one Postfix's virtual delivery fills. Each event says what became of the message"
                + " (reply, unsubscribe, rejected, discarded, retry) and where it was filed; steps are logged on"
                + " standard error."})
final class InboundRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InboundOptions options;

    @Option(names = "--watch", description = "Keep running and poll the maildir (stop with Ctrl-C).")
    boolean watch;

    @Option(names = "--poll", defaultValue = "500ms", paramLabel = "DURATION",
            description = "How often --watch looks for new mail (default: ${DEFAULT-VALUE}).")
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
        try (ReportingSource source = new ReportingSource(open(), out);
                InboundPipeline pipeline = options.pipeline(settings, options.keyRing()).handler(source.handler())
                        .unsubscribeHandler(source.unsubscribeHandler()).build()) {
            BatchSummary total = drain(pipeline, source, progress, BatchSummary.EMPTY);
            while (watch) {
                Thread.sleep(interval.toMillis());
                total = drain(pipeline, source, progress, total);
            }
            progress.done();
            spec.commandLine().getErr().println("delivered " + total.delivered() + ", rejected " + total.rejected()
                    + ", discarded " + total.discarded() + ", to retry " + total.retried()
                    + " (filed under " + source.maildir().filedRoot() + ")");
            if (json) {
                Output.print(spec, true, InboundOptions.summary(total, source.maildir()), List.of());
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

    private MaildirSource open() {
        MaildirSource.Builder b = MaildirSource.builder(options.maildir);
        if (options.filed != null) {
            b.filedInto(options.filed);
        }
        return b.open();
    }
}
