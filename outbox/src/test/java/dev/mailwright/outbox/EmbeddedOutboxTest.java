package dev.mailwright.outbox;

import dev.mailwright.outbox.spi.OutboxStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's contract on the embedded store (SQLite). */
class EmbeddedOutboxTest extends OutboxContract {

    @org.junit.jupiter.api.Test
    void anotherProcessCanWrite_whileTheHostsOutboxIsOpen() {
        // regression: the writer's connection kept SQLite's write lock between commits, so that
        // `mailwright outbox purge` waited for it until its busy timeout
        dev.mailwright.outbox.testsupport.ScriptedRelay relay = relay();
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(0));
        o.enqueue(dev.mailwright.outbox.testsupport.Fixtures.notification(1, "example.com"));
        OutboxStore second = reopenStoreClosedLater();
        long t0 = System.nanoTime();
        org.assertj.core.api.Assertions.assertThat(second.purge(EntryFilter.of(EntryState.QUEUED), 10)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(System.nanoTime() - t0).as("no wait for a lock")
                .isLessThan(java.time.Duration.ofSeconds(10).toNanos());
        org.assertj.core.api.Assertions.assertThat(o.admin().status().pending()).isZero();
    }

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
