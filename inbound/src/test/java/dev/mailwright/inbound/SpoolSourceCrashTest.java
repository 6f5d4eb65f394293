package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process pipeline reading the spool directly ({@link InboundListener#source}), killed with
 * SIGKILL while three sessions send and the pipeline delivers: a new process on the same spool,
 * maildir and ledger hands every acknowledged message to the handler exactly once.
 */
class SpoolSourceCrashTest {
    private static final int SESSIONS = 3;
    private static final int KILL_AFTER = 300;

    @TempDir
    Path dir;

    private Process start(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", System.getProperty("java.class.path"), SpoolPipelineWorker.class.getName(),
                dir.resolve("maildir").toString(), dir.resolve("spool").toString(), dir.resolve("ledger").toString(),
                dir.resolve("handled.log").toString());
        return new ProcessBuilder(cmd).redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private Map<String, Integer> handled() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        Path log = dir.resolve("handled.log");
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                counts.merge(line.substring(0, line.indexOf(' ')), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void killedWhileReceivingAndDelivering_everyAcknowledgedReplyReachesTheHandlerOnce() throws Exception {
        Process first = start("first");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        try {
            int port = CrashSenders.port(first);
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                Thread t = new Thread(() -> CrashSenders.send(port, session, acknowledged, inFlight, count));
                t.start();
                senders.add(t);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((count.get() < KILL_AFTER || handled().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(count.get()).as("messages acknowledged before the kill").isGreaterThanOrEqualTo(KILL_AFTER);
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        for (Thread t : senders) {
            t.join(30_000);
        }
        assertThat(first.exitValue()).as("killed, not stopped").isEqualTo(137);
        assertThat(handled()).as("the pipeline was delivering when it was killed").isNotEmpty();

        Process second = start("second");
        try {
            CrashSenders.port(second);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!handled().keySet().containsAll(acknowledged) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, Integer> handled = handled();
            assertThat(handled.keySet()).as("every acknowledged reply reached the handler").containsAll(acknowledged);
            assertThat(handled.values()).as("none twice").allMatch(n -> n == 1);
            Set<String> unexpected = new java.util.HashSet<>(handled.keySet());
            unexpected.removeAll(acknowledged);
            unexpected.removeAll(inFlight);
            assertThat(unexpected).as("only acknowledged replies, or those in flight at the kill").isEmpty();
            try (Stream<Path> s = Files.list(dir.resolve("maildir/new"))) {
                assertThat(s.count()).as("nothing went through new/").isZero();
            }
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
