package dev.mailwright.core.suppression;

import dev.mailwright.core.spi.SuppressionStore;
import java.nio.file.Path;
import java.util.Objects;

/** The built-in {@link SuppressionStore}s. */
public final class SuppressionStores {
    private SuppressionStores() {
    }

    /**
     * The default store: one append-only file, each change written and synced before the call
     * returns, compacted as it grows; safe for several threads and for several processes (a host and
     * {@code mailwright suppression lift}) through a lock file beside it. A line torn by a crash is
     * dropped and the file repaired at the next change.
     *
     * @param file the file, such as {@code /var/lib/mailwright/suppressions.tsv}; its directory is
     *     created when missing; {@code <file>.lock} is created beside it
     * @return the store; close it when done
     * @throws dev.mailwright.core.MailwrightException when the file cannot be created or read
     */
    public static SuppressionStore file(Path file) {
        return new FileSuppressionStore(Objects.requireNonNull(file, "file"));
    }

    /** @return a store in memory, for tests and for hosts that persist suppressions themselves */
    public static SuppressionStore memory() {
        return new MemorySuppressionStore();
    }
}
