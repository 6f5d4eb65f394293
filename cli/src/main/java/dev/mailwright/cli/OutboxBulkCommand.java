package dev.mailwright.cli;

import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.OutboxAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code retry} and {@code purge}: change entries in chunks, printing a progress line on standard
 * error when a chunk is done and more may follow (the first at once, then at most once a second),
 * and the total at the end.
 */
abstract class OutboxBulkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutboxOptions options;

    @Mixin
    OutboxFilterOptions filter;

    /** @return what the command does, in the past tense ("queued again", "purged") */
    abstract String done();

    /** @return the JSON key of the total */
    abstract String key();

    abstract long apply(OutboxAdmin admin, EntryFilter filter, LongConsumer progress);

    @Override
    public Integer call() {
        try (OutboxOptions.Opened opened = options.open(System.getenv(), 2)) {
            OutboxAdmin admin = OutboxAdmin.of(opened.store(), Clock.systemUTC());
            PrintWriter err = spec.commandLine().getErr();
            long[] lastPrint = {0};
            long total = apply(admin, filter.filter(Clock.systemUTC()), n -> {
                boolean more = n > 0 && n % OutboxAdmin.CHUNK == 0;
                if (more && (lastPrint[0] == 0 || System.nanoTime() - lastPrint[0] >= 1_000_000_000L)) {
                    err.println(spec.parent().name() + " " + spec.name() + ": " + n + " " + done() + " so far...");
                    err.flush();
                    lastPrint[0] = System.nanoTime();
                }
            });
            PrintWriter out = spec.commandLine().getOut();
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("store", opened.store().describe());
                m.put(key(), total);
                Output.print(spec, true, m, java.util.List.of());
                return ExitCodes.OK;
            } else {
                out.println(total + " entr" + (total == 1 ? "y " : "ies ") + done());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
