package dev.mailwright.cli;

import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.OutboxAdmin;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;

/** {@code mailwright outbox retry}: queue dead letters (or failed entries) again. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Queue dead (or failed) entries again, due now, with their attempts and lifetime starting over.",
            "A worker sends them. Entries in other states are left alone."})
final class OutboxRetryCommand extends OutboxBulkCommand {
    @Override
    String done() {
        return "queued again";
    }

    @Override
    String key() {
        return "retried";
    }

    @Override
    long apply(OutboxAdmin admin, EntryFilter filter, LongConsumer progress) {
        return admin.retry(filter, progress);
    }
}
