package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.reply;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.Dovecot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the pipeline's JVM between the handler and the move (SIGKILL, at the source's flush),
 * restarts it (with the same UIDVALIDITY, and after a UIDVALIDITY change), and checks against a real
 * Dovecot that every reply was handed over exactly once and every message ended in the processed
 * folder.
 */
class ImapCrashTest {
    private static final int MESSAGES = 40;

    @TempDir
    Path dir;

    private Process worker(Dovecot dovecot, String name, String hang) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), ImapWorker.class.getName(),
                Integer.toString(dovecot.imapsPort()), dovecot.certificate().toString(), dovecot.user(),
                dir.resolve("state").toString(), dir.resolve("handler.log").toString(), hang);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("MAILWRIGHT_TEST_IMAP_PASSWORD", dovecot.password());
        return pb.start();
    }

    private void crashThenRestart(Dovecot dovecot, Long newUidValidity) throws Exception {
        for (int i = 0; i < MESSAGES; i++) {
            dovecot.deliver(reply("<crash-imap-" + i + "@me.com>", replyAddress(1 + i, 5), "reply " + i).getBytes());
        }
        Path marker = dir.resolve("hanging");
        Process first = worker(dovecot, "first", marker.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(marker).as("the worker reached the move; its output: %s", output("first")).exists();
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(handled()).as("replies handed over before the kill").hasSize(16);
        assertThat(ImapPeer.count(dovecot, "INBOX")).as("nothing moved before the kill").isEqualTo(MESSAGES);
        if (newUidValidity != null) {
            dovecot.setUidValidity("INBOX", newUidValidity);
        }
        Process second = worker(dovecot, "second", "-");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output("second")).isZero();
        List<String> ids = handled().stream().map(l -> l.split(" ")[0]).toList();
        assertThat(ids).hasSize(MESSAGES).doesNotHaveDuplicates();
        assertThat(ImapPeer.count(dovecot, "INBOX")).isZero();
        assertThat(ImapPeer.count(dovecot, "Mailwright/Processed")).isEqualTo(MESSAGES);
    }

    @Test
    void killedBetweenTheHandlerAndTheMove_restartMovesEverythingAndHandsNothingOverTwice() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            crashThenRestart(dovecot, null);
            List<String> filed = Files.readAllLines(dir.resolve("state/imap/filed.log"));
            assertThat(filed).as("the 16 handed over before the kill are filed as delivered under the same ids")
                    .hasSize(MESSAGES).allMatch(l -> l.contains(" success Mailwright/Processed imap-"));
        }
    }

    @Test
    void killedBeforeTheMove_thenUidValidityChanged_restartHandsNothingOverTwice() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            crashThenRestart(dovecot, 777L);
            assertThat(Files.readString(dir.resolve("state/imap/filed.log")))
                    .as("the 16 handed over before the kill come back under new ids: duplicates").contains("duplicate");
        }
    }

    private List<String> handled() throws IOException {
        Path log = dir.resolve("handler.log");
        return Files.exists(log) ? new ArrayList<>(Files.readAllLines(log)) : List.of();
    }

    private String output(String name) {
        try {
            return Files.readAllLines(dir.resolve(name + ".out")).stream().collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(none)";
        }
    }
}
