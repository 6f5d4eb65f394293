package dev.mailwright.inbound.internal;

import static dev.mailwright.core.spi.DeliveryLedger.Decision.DELIVER;
import static dev.mailwright.core.spi.DeliveryLedger.Decision.REDELIVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.spi.DeliveryLedger;
import dev.mailwright.core.testing.DeliveryLedgerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file ledger: the shared contract, its file format, its index. */
class DeliveryLedgerTest extends DeliveryLedgerContract {
    @TempDir
    Path dir;

    @Override
    protected DeliveryLedger open() {
        return new FileDeliveryLedger(dir);
    }

    @Test
    void aKeyLeftInProgressByADeadOwner_isRedelivered_andATornLastLineIsIgnored() throws Exception {
        Files.writeString(dir.resolve("delivered.ledger"), "P " + K1 + " 999999-dead f1\nD " + K2.substring(0, 10));

        try (DeliveryLedger ledger = open()) {
            assertThat(ledger.begin(List.of(e(K1, "f1"), e(K2, "f2")))).containsExactly(REDELIVER, DELIVER);
        }
        assertThat(Files.readAllLines(dir.resolve("delivered.ledger"))).contains("D " + K2.substring(0, 10))
                .anyMatch(l -> l.startsWith("P " + K2));
    }

    @Test
    void theIndex_holdsManyKeys_onTheHeap() {
        holdsManyKeys(new LedgerIndex(null));
    }

    @Test
    void theIndex_holdsManyKeys_inAnUnlinkedMappedFile_leavingNothingBehind() throws Exception {
        LedgerIndex index = new LedgerIndex(dir);
        holdsManyKeys(index);
        assertThat(index.mapped()).isTrue();
        try (java.util.stream.Stream<java.nio.file.Path> s = Files.list(dir)) {
            assertThat(s.toList()).as("the scratch files are unlinked once mapped").isEmpty();
        }
    }

    private static void holdsManyKeys(LedgerIndex index) {
        for (int i = 0; i < 50_000; i++) {
            index.put(String.format("%032x", (long) i * 7919), i % 2 == 0 ? 'D' : 'P', "o", i);
        }
        index.put(String.format("%016x%016x", -5L, 77L), 'D', "o", -9);
        index.put("a key that is not hex", 'R', "o", 4);
        assertThat(index.size()).isEqualTo(50_002);
        assertThat(index.get(String.format("%032x", 2L * 7919))).isEqualTo(new LedgerIndex.State('D', "", 2));
        assertThat(index.get(String.format("%032x", 3L * 7919))).isEqualTo(new LedgerIndex.State('P', "o", 3));
        assertThat(index.get(String.format("%032x", 49_999L * 7919))).isEqualTo(new LedgerIndex.State('P', "o", 49_999));
        assertThat(index.get(String.format("%016x%016x", -5L, 77L))).isEqualTo(new LedgerIndex.State('D', "", -9));
        assertThat(index.get("a key that is not hex")).isEqualTo(new LedgerIndex.State('R', "", 4));
        assertThat(index.get(String.format("%032x", 1L))).isNull();
        index.put(String.format("%032x", 3L * 7919), 'D', "o", 3);
        assertThat(index.get(String.format("%032x", 3L * 7919))).isEqualTo(new LedgerIndex.State('D', "", 3));
        assertThat(index.size()).isEqualTo(50_002);
    }
}
