package dev.mailwright.benchmarks.inbound;

import dev.mailwright.core.testing.Peers;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.inbound.internal.InboundDiagnostics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Messages per second that {@code smtp-source -d -s 4} pushes through the listener, compared in
 * the same run with Postfix's {@code smtp-sink}, which acknowledges without storing: without a
 * spool (each message written, fsynced and renamed into {@code new/}, and {@code new/} fsynced,
 * before {@code 250}) and with one (each message appended to the spool and covered by a shared
 * {@code fdatasync} before {@code 250}; the time until all are in {@code new/} is reported too).
 * Rounds alternate between the three; the table reports medians.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -cp
 * benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.inbound.ListenerThroughput 10000 3 /var/tmp}
 * (arguments: messages per round, rounds, directory of the maildir).
 */
public final class ListenerThroughput {
    private ListenerThroughput() {
    }

    /** @param args messages per round (default 10000), rounds (default 3), maildir parent (default temp dir) */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path parent = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path sink = Peers.require("smtp-sink", "postfix");
        Path source = Peers.require("smtp-source", "postfix");
        List<double[]> sinkRuns = new ArrayList<>();
        List<double[]> listenerRuns = new ArrayList<>();
        List<double[]> spoolRuns = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            sinkRuns.add(againstSink(sink, source, messages));
            listenerRuns.add(againstListener(source, messages, parent, false));
            spoolRuns.add(againstListener(source, messages, parent, true));
            double[] k = sinkRuns.get(r - 1);
            double[] l = listenerRuns.get(r - 1);
            double[] p = spoolRuns.get(r - 1);
            System.out.printf("round %d: smtp-sink %.0f msg/s (%.0f us CPU/msg, %.0f in the kernel); listener %.0f msg/s"
                    + " (%.0f us CPU/msg, %.0f in the kernel); listener with spool %.0f msg/s (%.0f us CPU/msg, %.0f in the"
                    + " kernel; all %d in new/ after %.2f s, %.0f msg/s end to end); load average %.1f%n", r, k[0], k[1], k[2],
                    l[0], l[1], l[2], p[0], p[1], p[2], messages, p[3], p[4],
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        double s = median(sinkRuns, 0);
        double l = median(listenerRuns, 0);
        System.out.printf("%n| receiver | msg/s (median of %d) | vs smtp-sink | receiver CPU per message | of which kernel |%n"
                + "|---|---|---|---|---|%n", rounds);
        System.out.printf("| smtp-sink (acknowledges, stores nothing) | %.0f | 1.00 | %.0f us | %.0f us |%n", s,
                median(sinkRuns, 1), median(sinkRuns, 2));
        System.out.printf("| InboundListener (fsync before 250) | %.0f | %.2f | %.0f us | %.0f us |%n", l, l / s,
                median(listenerRuns, 1), median(listenerRuns, 2));
        double p = median(spoolRuns, 0);
        System.out.printf("| InboundListener with spool (group fdatasync before 250) | %.0f | %.2f | %.0f us | %.0f us |%n",
                p, p / s, median(spoolRuns, 1), median(spoolRuns, 2));
        System.out.printf("%nWith the spool, all %d messages were in new/ (files synced) %.2f s after the first connection"
                + " (median): %.0f msg/s end to end, %.2f of smtp-sink.%n", messages, median(spoolRuns, 3),
                median(spoolRuns, 4), median(spoolRuns, 4) / s);
    }

    /** @return msg/s and the receiver's CPU microseconds per message */
    private static double[] againstSink(Path sink, Path source, int messages) throws Exception {
        int port = Peers.freePort();
        List<String> cmd = new ArrayList<>(List.of(sink.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        cmd.addAll(List.of("127.0.0.1:" + port, "1000"));
        try (Peers.PeerProcess p = Peers.start(port, cmd)) {
            long[] cpu0 = procCpuNanos(p.process().pid());
            double rate = send(source, port, messages);
            long[] cpu1 = procCpuNanos(p.process().pid());
            return new double[] {rate, (cpu1[0] + cpu1[1] - cpu0[0] - cpu0[1]) / 1e3 / messages,
                (cpu1[1] - cpu0[1]) / 1e3 / messages};
        }
    }

    /**
     * @return msg/s acknowledged, this JVM's CPU microseconds per message (all, kernel) while sending,
     *     seconds until every message was in {@code new/}, and the end-to-end rate that gives
     */
    private static double[] againstListener(Path source, int messages, Path parent, boolean spool) throws Exception {
        Path dir = Files.createTempDirectory(parent, "mw-listener-bench");
        Path newDir = dir.resolve("maildir/new");
        try (InboundListener listener = InboundListener.builder().hostname(BenchMessages.HOST).keyRing(BenchMessages.KEYS)
                .maildir(dir.resolve("maildir")).spool(spool ? dir.resolve("spool") : null).port(0).build().start()) {
            long self = ProcessHandle.current().pid();
            Map<String, Long> counters0 = InboundDiagnostics.counters();
            long[] cpu0 = procCpuNanos(self);
            long start = System.nanoTime();
            double rate = send(source, listener.port(), messages);
            long[] cpu1 = procCpuNanos(self);
            Map<String, Long> counters1 = InboundDiagnostics.counters();
            if (spool) {
                long syncs = counters1.getOrDefault("listener.spool.syncs", 0L) - counters0.getOrDefault("listener.spool.syncs", 0L);
                long records = counters1.getOrDefault("listener.spool.records", 0L)
                        - counters0.getOrDefault("listener.spool.records", 0L);
                System.out.printf("  spool: %d of %d messages acknowledged through it, %d fdatasyncs, %.2f messages per sync%n",
                        records, messages, syncs, records / (double) Math.max(1, syncs));
            }
            if (listener.acceptedCount() != messages) {
                throw new IllegalStateException("the listener acknowledged " + listener.acceptedCount() + " of " + messages);
            }
            long stored;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while ((stored = count(newDir)) < messages && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double filed = (System.nanoTime() - start) / 1e9;
            if (stored != messages) {
                throw new IllegalStateException("the listener stored " + stored + " of " + messages + " messages");
            }
            return new double[] {rate, (cpu1[0] + cpu1[1] - cpu0[0] - cpu0[1]) / 1e3 / messages,
                (cpu1[1] - cpu0[1]) / 1e3 / messages, filed, messages / filed};
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static double send(Path source, int port, int messages) throws IOException, InterruptedException {
        List<String> cmd = List.of(source.toString(), "-d", "-s", "4", "-m", Integer.toString(messages), "-l", "4096",
                "-f", "user@example.org", "-t", BenchMessages.address(1, 5), "127.0.0.1:" + port);
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

    /** @return user and system CPU time of a process from /proc (Linux, 100 ticks/s), in nanoseconds */
    private static long[] procCpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]) * 10_000_000L, Long.parseLong(f[12]) * 10_000_000L};
    }
}
