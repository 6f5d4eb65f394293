package dev.mailwright.cli;

import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.OutboxAdmin;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;

/** {@code mailwright outbox purge}: delete entries (dead letters by default); leased entries never. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Delete entries: the dead letters by default, or --state sent --older-than 7d for history.",
            "Entries being sent (leased) are never deleted."})
final class OutboxPurgeCommand extends OutboxBulkCommand {
    @Override
    String done() {
        return "purged";
    }

    @Override
    String key() {
        return "purged";
    }

    @Override
    long apply(OutboxAdmin admin, EntryFilter filter, LongConsumer progress) {
        return admin.purge(filter, progress);
    }
}
