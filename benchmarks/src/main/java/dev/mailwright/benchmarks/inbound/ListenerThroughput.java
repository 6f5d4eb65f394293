package dev.mailwright.benchmarks.inbound;

import dev.mailwright.core.testing.Peers;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import dev.mailwright.inbound.spi.MailSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Messages per second that {@code smtp-source -d -s N} (4 KB messages, one connection per session
 * reused) pushes through three receivers, in the same run and on the same disk, rounds
 * interleaved (the order rotates each round):
 * <ul>
 *   <li>{@code smtp-sink}, which acknowledges and stores nothing: the ceiling of this machine;</li>
 *   <li>a private Postfix 3.7 {@code smtpd} accepting each message into its hold queue (written
 *       and fsynced before {@code 250}, and kept): a real MTA's rate, the anchor;</li>
 *   <li>Mailwright: the {@link InboundListener} acknowledging into its spool (a shared
 *       {@code fdatasync} before {@code 250}) with an {@link InboundPipeline} in the same process
 *       reading the spool directly ({@link InboundListener#source}) and running every stage (parse,
 *       guards, reply address, sender check, reply text, delivery ledger with its fsyncs, filing)
 *       up to the handler. Both its acknowledged rate and its end-to-end rate (until the handler
 *       has the last reply) are reported; the end-to-end one is compared with Postfix's.</li>
 * </ul>
 * Needs root (for Postfix) and Postfix's {@code smtp-sink}/{@code smtp-source}.
 *
 * <p>Warm-up runs of Mailwright (one per session count, as many messages, not counted) come first:
 * the JIT, not the disk, would otherwise decide its first rounds. Run (one command; about six minutes with the defaults):
 * {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -cp
 * benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.inbound.ListenerThroughput 10000 3 /var/tmp 4,32}
 * (arguments: messages per run, rounds, directory for the queues and spools, sessions).
 */
public final class ListenerThroughput {
    private static final String SINK = "smtp-sink";
    private static final String POSTFIX = "postfix";
    private static final String MAILWRIGHT = "mailwright";

    private ListenerThroughput() {
    }

    /** @param args messages per run (10000), rounds (3), parent directory (temp dir), sessions (4,32) */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path parent = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        List<Integer> sessions = new ArrayList<>();
        for (String s : (args.length > 3 ? args[3] : "4,32").split(",")) {
            sessions.add(Integer.parseInt(s.strip()));
        }
        Path sink = Peers.require("smtp-sink", "postfix");
        Path source = Peers.require("smtp-source", "postfix");
        System.out.printf("JDK %s, %d CPUs, %s; uptime: %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), java.time.Instant.now(), uptime());
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        for (int s : sessions) {
            double[] warm = againstMailwright(source, messages, s, parent);
            System.out.printf("warm-up at -s %d (not counted): Mailwright %s%n", s, describe(MAILWRIGHT, warm));
        }
        try (PrivatePostfix postfix = PrivatePostfix.start(parent)) {
            for (int r = 0; r < rounds; r++) {
                for (int s : sessions) {
                    List<String> order = new ArrayList<>(List.of(SINK, POSTFIX, MAILWRIGHT));
                    java.util.Collections.rotate(order, r);
                    for (String receiver : order) {
                        double[] result = switch (receiver) {
                            case SINK -> againstSink(sink, source, messages, s);
                            case POSTFIX -> againstPostfix(postfix, source, messages, s);
                            default -> againstMailwright(source, messages, s, parent);
                        };
                        runs.computeIfAbsent(receiver + " " + s, k -> new ArrayList<>()).add(result);
                        System.out.printf("round %d, -s %d, %s: %s; load average %.2f%n", r + 1, s, receiver,
                                describe(receiver, result), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    }
                }
            }
        }
        System.out.printf("%nuptime after the runs: %s%n", uptime());
        printTable(runs, sessions, rounds);
    }

    private static String describe(String receiver, double[] r) {
        return switch (receiver) {
            case SINK -> String.format("%.0f msg/s acknowledged (stores nothing)", r[0]);
            case POSTFIX -> String.format("%.0f msg/s into the hold queue", r[0]);
            default -> String.format("%.0f msg/s acknowledged, %.0f msg/s end to end (handler), %.0f us CPU per message",
                    r[0], r[1], r[2]);
        };
    }

    private static void printTable(Map<String, List<double[]>> runs, List<Integer> sessions, int rounds) {
        System.out.printf("%n| sessions | smtp-sink (ceiling) | Postfix smtpd, hold queue | Mailwright acknowledged"
                + " | Mailwright end to end | end to end / Postfix | end to end / acknowledged |%n"
                + "|---|---|---|---|---|---|---|%n");
        for (int s : sessions) {
            double sink = median(runs.get(SINK + " " + s), 0);
            double postfix = median(runs.get(POSTFIX + " " + s), 0);
            double acked = median(runs.get(MAILWRIGHT + " " + s), 0);
            double e2e = median(runs.get(MAILWRIGHT + " " + s), 1);
            System.out.printf("| %d | %.0f | %.0f | %.0f | %.0f | **%.2f** | %.2f |%n", s, sink, postfix, acked, e2e,
                    e2e / postfix, e2e / acked);
        }
        System.out.printf("%nMedians of %d rounds; each round runs the three receivers in turn (order rotated).%n", rounds);
    }

    /** @return msg/s */
    private static double[] againstSink(Path sink, Path source, int messages, int sessions) throws Exception {
        int port = Peers.freePort();
        List<String> cmd = new ArrayList<>(List.of(sink.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        cmd.addAll(List.of("127.0.0.1:" + port, "1000"));
        try (Peers.PeerProcess p = Peers.start(port, cmd)) {
            return new double[] {send(source, port, messages, sessions)};
        }
    }

    /** @return msg/s, each message fsynced into the hold queue before its 250 */
    private static double[] againstPostfix(PrivatePostfix postfix, Path source, int messages, int sessions) throws Exception {
        postfix.empty();
        double rate = send(source, postfix.port(), messages, sessions);
        long held = postfix.held();
        if (held != messages) {
            throw new IllegalStateException("Postfix holds " + held + " of " + messages + " messages");
        }
        postfix.empty();
        return new double[] {rate};
    }

    /**
     * @return msg/s acknowledged, msg/s end to end (the last reply handed to the handler), this
     *     JVM's CPU microseconds per message over the whole run
     */
    private static double[] againstMailwright(Path source, int messages, int sessions, Path parent) throws Exception {
        Path dir = Files.createTempDirectory(parent, "mw-listener-bench");
        AtomicLong handled = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        AtomicReference<BatchSummary> total = new AtomicReference<>(BatchSummary.EMPTY);
        try (InboundPipeline pipeline = InboundPipeline.builder().keyRing(BenchMessages.KEYS).hostname(BenchMessages.HOST)
                        .ledgerDirectory(dir.resolve("ledger")).handler(r -> {
                            if (handled.incrementAndGet() == messages) {
                                lastAt.set(System.nanoTime());
                            }
                        }).build();
                InboundListener listener = InboundListener.builder().hostname(BenchMessages.HOST).keyRing(BenchMessages.KEYS)
                        .maildir(dir.resolve("maildir")).spool(dir.resolve("spool")).port(0).build().start();
                MailSource spool = listener.source(MaildirSource.builder(dir.resolve("maildir")).open())) {
            Thread worker = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && handled.get() < messages) {
                    BatchSummary b = pipeline.drain(spool);
                    total.accumulateAndGet(b, BatchSummary::plus);
                    if (b.total() == 0) {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "bench-pipeline");
            long[] cpu0 = procCpuNanos(ProcessHandle.current().pid());
            long start = System.nanoTime();
            worker.start();
            double acked = send(source, listener.port(), messages, sessions);
            worker.join(TimeUnit.MINUTES.toMillis(5));
            long[] cpu1 = procCpuNanos(ProcessHandle.current().pid());
            worker.interrupt();
            if (handled.get() != messages) {
                throw new IllegalStateException("the handler got " + handled.get() + " of " + messages + " replies; "
                        + total.get());
            }
            double e2e = messages / ((lastAt.get() - start) / 1e9);
            return new double[] {acked, e2e, (cpu1[0] + cpu1[1] - cpu0[0] - cpu0[1]) / 1e3 / messages};
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static double send(Path source, int port, int messages, int sessions) throws IOException, InterruptedException {
        List<String> cmd = List.of(source.toString(), "-d", "-s", Integer.toString(sessions), "-m", Integer.toString(messages),
                "-l", "4096", "-f", "user@example.org", "-t", BenchMessages.address(1, 5), "127.0.0.1:" + port);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("smtp-source failed: " + out);
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<double[]> runs, int column) {
        List<Double> sorted = runs.stream().map(r -> r[column]).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip() + " (1, 5, 15 min load averages; runnable/total; last pid)";
        } catch (IOException e) {
            return "unknown (" + e + ")";
        }
    }

    /** @return user and system CPU time of a process from /proc (Linux, 100 ticks/s), in nanoseconds */
    private static long[] procCpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]) * 10_000_000L, Long.parseLong(f[12]) * 10_000_000L};
    }
}
