package dev.mailwright.outbox;

import dev.mailwright.outbox.spi.OutboxStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's contract on the embedded store (SQLite). */
class EmbeddedOutboxTest extends OutboxContract {
    @TempDir
    Path dir;

    @Override
    OutboxStore newStore() {
        return OutboxStores.embedded(dir.resolve("outbox"));
    }

    @Override
    OutboxStore reopenStore() {
        return OutboxStores.embedded(dir.resolve("outbox"));
    }
}
