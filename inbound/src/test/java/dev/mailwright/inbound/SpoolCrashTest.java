package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), SpoolListenerWorker.class.getName(),
                dir.resolve("maildir").toString(), dir.resolve("spool").toString());
        return new ProcessBuilder(cmd).redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the worker's first line").startsWith("port ");
        return Integer.parseInt(line.substring(5).strip());
    }

    /** Sends messages on one connection until it breaks; records the ids that got 250 and the one in flight. */
    private static void send(int port, int session, Set<String> acknowledged, Set<String> inFlight, AtomicInteger count) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, "EHLO mx.example.org");
            expect(in, "250 ");
            for (int i = 0; ; i++) {
                String id = "<kill-" + session + "-" + i + "@example.org>";
                inFlight.add(id);
                command(out, "MAIL FROM:<someone@example.org>");
                expect(in, "250");
                command(out, "RCPT TO:<" + Fixtures.replyAddress(1 + i % 7, 5) + ">");
                expect(in, "250");
                command(out, "DATA");
                expect(in, "354");
                out.write(("Message-ID: " + id + "\r\nSubject: reply\r\n\r\n" + "text of the reply\r\n".repeat(200)
                        + ".\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, "250");
                acknowledged.add(id);
                inFlight.remove(id);
                count.incrementAndGet();
            }
        } catch (IOException e) {
            // the listener was killed: this session ends
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code.strip())) {
            throw new IllegalStateException("expected " + code + ", got " + line);
        }
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
        Process first = start("first");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        try {
            int port = port(first);
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                Thread t = new Thread(() -> send(port, session, acknowledged, inFlight, count));
                t.start();
                senders.add(t);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count.get() < KILL_AFTER && System.nanoTime() < deadline) {
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
        assertThat(Files.list(dir.resolve("spool")).filter(p -> p.toString().endsWith(".spool")).count())
                .as("the kill left segments behind").isPositive();
        int beforeRecovery = idsInNew().size();
        assertThat(beforeRecovery).as("acknowledged messages only in the spool when it was killed")
                .isLessThan(acknowledged.size());

        Process second = start("second");
        try {
            port(second);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!idsInNew().keySet().containsAll(acknowledged) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, Integer> inNew = idsInNew();
            assertThat(inNew.keySet()).as("every acknowledged message is in new/").containsAll(acknowledged);
            assertThat(inNew.values()).as("no message is in new/ twice").allMatch(n -> n == 1);
            Set<String> unexpected = new java.util.HashSet<>(inNew.keySet());
            unexpected.removeAll(acknowledged);
            unexpected.removeAll(inFlight);
            assertThat(unexpected).as("only acknowledged messages, or those in flight at the kill").isEmpty();
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
