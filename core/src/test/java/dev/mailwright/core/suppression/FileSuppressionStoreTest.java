package dev.mailwright.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MailwrightException;
import dev.mailwright.core.spi.SuppressionStore;
import dev.mailwright.core.testing.SuppressionStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store: the shared contract, and what only a file has (torn lines, compaction, other processes). */
class FileSuppressionStoreTest extends SuppressionStoreContract {
    @TempDir
    Path dir;

    @Override
    protected SuppressionStore open() {
        return SuppressionStores.file(dir.resolve("sub/suppressions.tsv"));
    }

    @Test
    void aTornLastLine_isIgnored_thenCutOffBeforeTheNextAppend() throws IOException {
        Path file = dir.resolve("s.tsv");
        try (SuppressionStore store = SuppressionStores.file(file)) {
            store.update("a@example.com", SuppressionStoreContract::bump);
        }
        Files.writeString(file, "1\tput\tb@example.com\t3", StandardOpenOption.APPEND);
        try (SuppressionStore store = SuppressionStores.file(file)) {
            assertThat(store.entries()).extracting(SuppressionEntry::address).containsExactly("a@example.com");
            store.update("c@example.com", SuppressionStoreContract::bump);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l.split("\t", -1)).hasSize(12));
        try (SuppressionStore store = SuppressionStores.file(file)) {
            assertThat(store.entries()).extracting(SuppressionEntry::address).containsExactly("a@example.com", "c@example.com");
        }
    }

    @Test
    void aGarbageLine_isSkipped_theOthersKept() throws IOException {
        Path file = dir.resolve("s.tsv");
        Files.writeString(file, "garbage\n1\tput\tnot-an-address\t1\t1\t0\t0\t-\t-\t-\t\t\n");
        try (SuppressionStore store = SuppressionStores.file(file)) {
            store.update("a@example.com", SuppressionStoreContract::bump);
            assertThat(store.entries()).extracting(SuppressionEntry::address).containsExactly("a@example.com");
        }
    }

    @Test
    void manyUpdates_compactTheLog() {
        Path file = dir.resolve("s.tsv");
        try (SuppressionStore store = SuppressionStores.file(file)) {
            for (int i = 0; i < 200; i++) {
                store.update("hot@example.com", SuppressionStoreContract::bump);
            }
            assertThat(store.find("hot@example.com").orElseThrow().score()).isEqualTo(200);
        }
        assertThat(readLines(file)).hasSizeLessThan(100);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anotherProcess_updatingTheSameFile_losesNothing() throws Exception {
        Path file = dir.resolve("s.tsv");
        int n = 60;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SuppressionStoreChild.class.getName(), file.toString(), Integer.toString(n))
                .redirectErrorStream(true).start();
        try (SuppressionStore store = SuppressionStores.file(file)) {
            for (int i = 0; i < n; i++) {
                store.update("shared@example.com", SuppressionStoreContract::bump);
            }
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(out).isZero();
            assertThat(store.find("shared@example.com").orElseThrow().score()).isEqualTo(2 * n);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void anUnwritableLocation_failsWithTheFileAndWhatToDo() throws IOException {
        Path blocker = Files.writeString(dir.resolve("file-not-dir"), "x");
        assertThatThrownBy(() -> SuppressionStores.file(blocker.resolve("s.tsv")))
                .isInstanceOf(MailwrightException.class).hasMessageContaining(blocker.toString()).hasMessageContaining("writable");
    }
}
