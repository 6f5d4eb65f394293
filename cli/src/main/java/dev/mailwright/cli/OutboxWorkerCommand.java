package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxStatus;
import dev.mailwright.smtp.spi.MailTransport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailwright outbox worker}: a worker node that sends due entries until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run a worker node: claim due entries, send them through the SMTP server of the settings, record"
                + " the outcomes. Runs until stopped (SIGTERM or Ctrl-C finish the messages in flight), or with"
                + " --until-empty until no entry is queued or leased.",
            "Prints a progress line every --progress interval (on standard error; JSON lines on standard output with"
                    + " --json) and a summary at the end."})
final class OutboxWorkerCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutboxOptions options;

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "Email settings (.properties)")
    Path settingsFile;

    @Option(names = "--transport", paramLabel = "URI", description = "smtp://HOST:PORT, smtps://, memory: or pickup:/dir"
            + " (default: SMTP per the settings)")
    String transport;

    @Option(names = "--trust-pem", paramLabel = "FILE", description = "Trust these PEM certificates for the SMTP server.")
    Path trustPem;

    @Option(names = "--workers", defaultValue = "4", description = "Messages sent at once (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--node-id", paramLabel = "ID", description = "This node's id among the nodes (default: host, pid, random)")
    String nodeId;

    @Option(names = "--until-empty", description = "Stop once no entry is queued or leased.")
    boolean untilEmpty;

    @Option(names = "--progress", defaultValue = "10s", paramLabel = "INTERVAL",
            description = "How often to print a progress line (default ${DEFAULT-VALUE})")
    String progress;

    @Override
    public Integer call() throws InterruptedException {
        EmailSettings settings = SettingsLoader.fromFile(settingsFile).requireValid();
        Duration every = OutboxFilterOptions.age(progress);
        WorkerProgress counts = new WorkerProgress();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            awaitQuietly(stopped);
        }, "mailwright-outbox-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (OutboxOptions.Opened opened = options.open(System.getenv(), workers + 2)) {
            var builder = Outbox.builder().store(opened.store()).transport(openTransport(settings)).workers(workers)
                    .listener(counts);
            if (nodeId != null) {
                builder.nodeId(nodeId);
            }
            Outbox outbox = builder.build().start();
            OutboxStatus last;
            try {
                run(outbox, counts, stop, every);
                last = outbox.admin().status();
            } finally {
                outbox.close();
            }
            print(counts, last, true);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is stopping: the hook is running
            }
        }
        return ExitCodes.OK;
    }

    private void run(Outbox outbox, WorkerProgress counts, CountDownLatch stop, Duration every) throws InterruptedException {
        long nextPrint = System.nanoTime() + every.toNanos();
        while (!stop.await(200, TimeUnit.MILLISECONDS)) {
            OutboxStatus s = null;
            if (untilEmpty) {
                s = outbox.admin().status();
                if (s.pending() == 0) {
                    return;
                }
            }
            if (System.nanoTime() >= nextPrint) {
                print(counts, s != null ? s : outbox.admin().status(), false);
                nextPrint = System.nanoTime() + every.toNanos();
            }
        }
    }

    private void print(WorkerProgress counts, OutboxStatus s, boolean last) {
        if (options.json) {
            Map<String, Object> m = new LinkedHashMap<>(counts.toMap());
            m.put("final", last);
            m.put("status", OutboxJson.status(s, options.embedded() ? "embedded" : "postgresql"));
            if (last) {
                Output.print(spec, true, m, java.util.List.of());
                return;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.write(m));
            out.flush();
        } else {
            PrintWriter w = last ? spec.commandLine().getOut() : spec.commandLine().getErr();
            w.println((last ? "worker stopped: " : "worker: ") + counts.line() + "; queued " + s.count(
                    dev.mailwright.outbox.EntryState.QUEUED) + ", leased " + s.count(dev.mailwright.outbox.EntryState.LEASED));
            w.flush();
        }
    }

    private MailTransport openTransport(EmailSettings settings) {
        return CliTransports.open(transport, trustPem, settings, workers);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
