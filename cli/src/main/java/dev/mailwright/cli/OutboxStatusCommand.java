package dev.mailwright.cli;

import dev.mailwright.outbox.OutboxAdmin;
import dev.mailwright.outbox.OutboxStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailwright outbox status}: entries per state and the age of the oldest due entry. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print how many entries are queued, leased, sent, failed and dead, and how long the oldest due entry has waited.")
final class OutboxStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutboxOptions options;

    @Override
    public Integer call() {
        try (OutboxOptions.Opened opened = options.open(System.getenv(), 2)) {
            OutboxStatus s = OutboxAdmin.of(opened.store(), Clock.systemUTC()).status();
            PrintWriter out = spec.commandLine().getOut();
            String where = opened.store().describe();
            if (options.json) {
                Output.print(spec, true, OutboxJson.status(s, where), java.util.List.of());
                return ExitCodes.OK;
            }
            out.print(OutboxJson.statusText(s, where));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
