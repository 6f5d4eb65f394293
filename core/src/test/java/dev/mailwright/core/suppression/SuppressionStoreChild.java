package dev.mailwright.core.suppression;

import dev.mailwright.core.spi.SuppressionStore;
import java.nio.file.Path;

/** Run in a child JVM by {@link FileSuppressionStoreTest}: adds one to an address's score N times. */
public final class SuppressionStoreChild {
    private SuppressionStoreChild() {
    }

    /** @param args the store file and N */
    public static void main(String[] args) {
        try (SuppressionStore store = SuppressionStores.file(Path.of(args[0]))) {
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                store.update("shared@example.com", e -> new SuppressionEntry(e.address(), e.score() + 1, e.hardBounces(),
                        e.softBounces(), e.complaints(), null, null, "", "", null));
            }
        }
    }
}
