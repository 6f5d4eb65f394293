package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mailwright inbound run --maildir DIR}: processes the maildir, printing each delivered reply as JSON. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Process the replies waiting in a maildir (as Postfix's virtual delivery fills it)",
            "and print each delivered reply as one JSON line; steps are logged on standard error."})
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

    @Override
    public Integer call() throws InterruptedException {
        options.configureLogging();
        EmailSettings settings = options.settings();
        PrintWriter out = spec.commandLine().getOut();
        Duration interval = dev.mailwright.core.SettingsLoader.parseDuration(poll);
        try (InboundPipeline pipeline = options.pipeline(settings, options.keyRing())
                        .handler(reply -> InboundJson.print(out, reply))
                        .unsubscribeHandler(request -> InboundJson.print(out, request)).build();
                MaildirSource source = open()) {
            BatchSummary total = pipeline.drain(source);
            while (watch) {
                Thread.sleep(interval.toMillis());
                total = total.plus(pipeline.drain(source));
            }
            spec.commandLine().getErr().println("delivered " + total.delivered() + ", rejected " + total.rejected()
                    + ", discarded " + total.discarded() + ", to retry " + total.retried()
                    + " (filed under " + source.filedRoot() + ")");
            return ExitCodes.OK;
        }
    }

    private MaildirSource open() {
        MaildirSource.Builder b = MaildirSource.builder(options.maildir);
        if (options.filed != null) {
            b.filedInto(options.filed);
        }
        return b.open();
    }
}
