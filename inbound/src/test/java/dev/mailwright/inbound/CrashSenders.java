package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** What the crash tests share: reading a child listener's port and sending replies to it until it dies. */
final class CrashSenders {
    private CrashSenders() {
    }

    /**
     * @param acknowledged the messages that got {@code 250}
     * @param inFlight the messages sent but not acknowledged when the listener died
     */
    record Burst(Set<String> acknowledged, Set<String> inFlight) {
    }

    /**
     * Sends from {@code sessions} connections until {@code killAfter} messages were acknowledged and
     * {@code alsoWhen} holds, then kills the worker with SIGKILL and waits for the senders to notice.
     *
     * @return what was acknowledged and what was in flight
     */
    static Burst sendThenKill(Process worker, int sessions, int killAfter, java.util.function.BooleanSupplier alsoWhen)
            throws Exception {
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        java.util.List<Thread> senders = new java.util.ArrayList<>();
        try {
            int port = port(worker);
            for (int s = 0; s < sessions; s++) {
                int session = s;
                Thread t = new Thread(() -> send(port, session, acknowledged, inFlight, count));
                t.start();
                senders.add(t);
            }
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while ((count.get() < killAfter || !alsoWhen.getAsBoolean()) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(count.get()).as("messages acknowledged before the kill").isGreaterThanOrEqualTo(killAfter);
        } finally {
            worker.destroyForcibly();
            assertThat(worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        for (Thread t : senders) {
            t.join(30_000);
        }
        assertThat(worker.exitValue()).as("killed, not stopped").isEqualTo(137);
        return new Burst(acknowledged, inFlight);
    }

    /** What a recovery shows: message id to how many times it arrived. */
    interface Seen {
        java.util.Map<String, Integer> get() throws IOException;
    }

    /**
     * Waits (up to a minute) until every acknowledged message has arrived where {@code seen} looks,
     * then checks that each arrived once and that nothing arrived that was neither acknowledged nor in flight.
     *
     * @param where what {@code seen} reads, for the messages ("new/", "the handler")
     */
    static void assertEachAcknowledgedOnce(Burst burst, Seen seen, String where) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!seen.get().keySet().containsAll(burst.acknowledged()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        java.util.Map<String, Integer> arrived = seen.get();
        assertThat(arrived.keySet()).as("every acknowledged message reached %s", where).containsAll(burst.acknowledged());
        assertThat(arrived.values()).as("no message reached %s twice", where).allMatch(n -> n == 1);
        Set<String> unexpected = new java.util.HashSet<>(arrived.keySet());
        unexpected.removeAll(burst.acknowledged());
        unexpected.removeAll(burst.inFlight());
        assertThat(unexpected).as("only acknowledged messages, or those in flight at the kill").isEmpty();
    }

    /**
     * Starts a worker class in a child JVM with this test's class path; it logs on its standard
     * error, which goes to {@code <dir>/<name>.err}.
     */
    static Process startWorker(Class<?> worker, java.nio.file.Path dir, String name, String... args) throws IOException {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(javaBin, "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-cp", System.getProperty("java.class.path"), worker.getName()));
        cmd.addAll(java.util.List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    /** @return the port a worker printed as its first line ({@code port N}) */
    static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the worker's first line").startsWith("port ");
        return Integer.parseInt(line.substring(5).strip());
    }

    /** Sends messages on one connection until it breaks; records the ids that got 250 and the one in flight. */
    static void send(int port, int session, Set<String> acknowledged, Set<String> inFlight, AtomicInteger count) {
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
                out.write(("Message-ID: " + id + "\r\nFrom: someone@example.org\r\nSubject: reply\r\n\r\n" + "text of the reply\r\n".repeat(200)
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

}
