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
        return CrashSenders.startWorker(SpoolPipelineWorker.class, dir, name, dir.resolve("maildir").toString(), dir.resolve("spool").toString(),
                dir.resolve("ledger").toString(), dir.resolve("handled.log").toString());
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

    private Map<String, Integer> handledQuietly() {
        try {
            return handled();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void killedWhileReceivingAndDelivering_everyAcknowledgedReplyReachesTheHandlerOnce() throws Exception {
        CrashSenders.Burst burst = CrashSenders.sendThenKill(start("first"), SESSIONS, KILL_AFTER, () -> !handledQuietly().isEmpty());
        assertThat(handled()).as("the pipeline was delivering when it was killed").isNotEmpty();

        Process second = start("second");
        try {
            CrashSenders.port(second);
            CrashSenders.assertEachAcknowledgedOnce(burst, this::handled, "the handler");
            try (Stream<Path> s = Files.list(dir.resolve("maildir/new"))) {
                assertThat(s.count()).as("nothing went through new/").isZero();
            }
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
