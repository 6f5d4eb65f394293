package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Kills a listener's JVM (SIGKILL) while three SMTP sessions are sending to it through its spool,
 * starts a new one on the same spool, and checks that every message that got {@code 250} is in the
 * maildir exactly once.
 */
class SpoolCrashTest {
    private static final int SESSIONS = 3;
    private static final int KILL_AFTER = 300;

    @TempDir
    Path dir;

    private Process start(String name) throws IOException {
        return CrashSenders.startWorker(SpoolListenerWorker.class, dir, name, dir.resolve("maildir").toString(), dir.resolve("spool").toString());
    }

    private Map<String, Integer> idsInNew() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        try (Stream<Path> s = Files.list(dir.resolve("maildir/new"))) {
            for (Path f : s.toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                int at = text.indexOf("Message-ID: ");
                counts.merge(text.substring(at + 12, text.indexOf("\r\n", at)), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void killedWhileSessionsAreSending_everyAcknowledgedMessageReachesTheMaildirOnce() throws Exception {
        CrashSenders.Burst burst = CrashSenders.sendThenKill(start("first"), SESSIONS, KILL_AFTER, () -> true);
        Set<String> acknowledged = burst.acknowledged();
        assertThat(Files.list(dir.resolve("spool")).filter(p -> p.toString().endsWith(".spool")).count())
                .as("the kill left segments behind").isPositive();
        int beforeRecovery = idsInNew().size();
        assertThat(beforeRecovery).as("acknowledged messages only in the spool when it was killed")
                .isLessThan(acknowledged.size());

        Process second = start("second");
        try {
            CrashSenders.port(second);
            CrashSenders.assertEachAcknowledgedOnce(burst, this::idsInNew, "new/");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
