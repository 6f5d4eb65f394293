package dev.mailwright.cli;

import dev.mailwright.outbox.OutboxAdmin;
import dev.mailwright.outbox.OutboxEntry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailwright outbox list}: entries with their last failure, dead letters by default. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List entries, oldest first, with their attempts and last failure (default: the dead letters).")
final class OutboxListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutboxOptions options;

    @Mixin
    OutboxFilterOptions filter;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        try (OutboxOptions.Opened opened = options.open(System.getenv(), 2)) {
            List<OutboxEntry> entries = OutboxAdmin.of(opened.store(), Clock.systemUTC())
                    .list(filter.filter(Clock.systemUTC()), limit);
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Output.print(spec, true, entries.stream().map(OutboxJson::entry).toList(), List.of());
                return ExitCodes.OK;
            } else {
                entries.forEach(e -> out.println(OutboxJson.entryText(e)));
                out.println(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
