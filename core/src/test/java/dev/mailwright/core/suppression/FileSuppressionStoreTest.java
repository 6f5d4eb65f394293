package dev.mailwright.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MailwrightException;
import dev.mailwright.core.spi.SuppressionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSuppressionStoreTest {
    @TempDir
    Path dir;

    private SuppressionEntry bump(SuppressionEntry e) {
        return new SuppressionEntry(e.address(), e.score() + 1, e.hardBounces() + 1, e.softBounces(), e.complaints(),
                null, DeliveryProblem.HARD_BOUNCE, "550 5.1.1\tuser\nunknown \\ here", "", null);
    }

    @Test
    void entriesSurviveAReopen_textsWithTabsAndBackslashesIntact() {
        Path file = dir.resolve("sub/suppressions.tsv");
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.file(file)).build()) {
            list.record("a@example.com", DeliveryProblem.COMPLAINT, "abuse \\ report", "<x\t1@fbl>");
            list.record("b@example.com", DeliveryProblem.HARD_BOUNCE, "5.1.1", "");
            list.record("c@example.com", DeliveryProblem.SOFT_BOUNCE, "", "");
            assertThat(list.lift("c@example.com")).isTrue();
        }
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.file(file)).build()) {
            assertThat(list.entries()).extracting(SuppressionEntry::address).containsExactly("a@example.com", "b@example.com");
            SuppressionEntry a = list.status("a@example.com").orElseThrow();
            assertThat(a.isSuppressed()).isTrue();
            assertThat(a.lastDetail()).isEqualTo("abuse \\ report");
            assertThat(a.lastEventId()).isEqualTo("<x 1@fbl>");
            assertThat(list.status("b@example.com").orElseThrow().score()).isEqualTo(2);
        }
    }

    @Test
    void aTornLastLine_isIgnored_thenCutOffBeforeTheNextAppend() throws IOException {
        Path file = dir.resolve("s.tsv");
        try (SuppressionStore store = SuppressionStores.file(file)) {
            store.update("a@example.com", this::bump);
        }
        Files.writeString(file, "1\tput\tb@example.com\t3", StandardOpenOption.APPEND);
        try (SuppressionStore store = SuppressionStores.file(file)) {
            assertThat(store.entries()).extracting(SuppressionEntry::address).containsExactly("a@example.com");
            store.update("c@example.com", this::bump);
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
            store.update("a@example.com", this::bump);
            assertThat(store.entries()).extracting(SuppressionEntry::address).containsExactly("a@example.com");
        }
    }

    @Test
    void manyThreadsAndTwoStoresOnOneFile_loseNoUpdate_andTheLogIsCompacted() throws Exception {
        Path file = dir.resolve("s.tsv");
        int threads = 4;
        int perThread = 150;
        try (SuppressionStore one = SuppressionStores.file(file); SuppressionStore two = SuppressionStores.file(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SuppressionStore s = t % 2 == 0 ? one : two;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        s.update("hot@example.com", this::bump);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(one.find("hot@example.com").orElseThrow().score()).isEqualTo(threads * perThread);
            assertThat(two.find("hot@example.com").orElseThrow().score()).isEqualTo(threads * perThread);
        }
        assertThat(Files.readAllLines(file)).hasSizeLessThan(threads * perThread / 4);
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
                store.update("shared@example.com", this::bump);
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
