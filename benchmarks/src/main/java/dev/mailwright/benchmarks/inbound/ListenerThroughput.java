package dev.mailwright.benchmarks.inbound;

import dev.mailwright.core.testing.Peers;
import dev.mailwright.inbound.InboundListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Messages per second that {@code smtp-source -d -s 4} pushes through the listener (each message
 * written, fsynced and renamed into {@code new/}, and {@code new/} fsynced, before {@code 250}),
 * compared in the same run with Postfix's {@code smtp-sink}, which acknowledges without storing.
 * Rounds alternate between the two; the table reports medians.
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
        for (int r = 1; r <= rounds; r++) {
            sinkRuns.add(againstSink(sink, source, messages));
            listenerRuns.add(againstListener(source, messages, parent));
            System.out.printf("round %d: smtp-sink %.0f msg/s (%.0f us CPU/msg, %.0f in the kernel), listener %.0f msg/s"
                    + " (%.0f us CPU/msg, %.0f in the kernel), load average %.1f%n", r, sinkRuns.get(r - 1)[0],
                    sinkRuns.get(r - 1)[1], sinkRuns.get(r - 1)[2], listenerRuns.get(r - 1)[0], listenerRuns.get(r - 1)[1],
                    listenerRuns.get(r - 1)[2], ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        double s = median(sinkRuns, 0);
        double l = median(listenerRuns, 0);
        System.out.printf("%n| receiver | msg/s (median of %d) | vs smtp-sink | receiver CPU per message | of which kernel |%n"
                + "|---|---|---|---|---|%n", rounds);
        System.out.printf("| smtp-sink (acknowledges, stores nothing) | %.0f | 1.00 | %.0f us | %.0f us |%n", s,
                median(sinkRuns, 1), median(sinkRuns, 2));
        System.out.printf("| InboundListener (fsync before 250) | %.0f | %.2f | %.0f us | %.0f us |%n", l, l / s,
                median(listenerRuns, 1), median(listenerRuns, 2));
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

    /** @return msg/s and this JVM's CPU microseconds per message */
    private static double[] againstListener(Path source, int messages, Path parent) throws Exception {
        Path dir = Files.createTempDirectory(parent, "mw-listener-bench");
        try (InboundListener listener = InboundListener.builder().hostname(BenchMessages.HOST).keyRing(BenchMessages.KEYS)
                .maildir(dir.resolve("maildir")).port(0).build().start()) {
            long self = ProcessHandle.current().pid();
            long[] cpu0 = procCpuNanos(self);
            double rate = send(source, listener.port(), messages);
            long[] cpu1 = procCpuNanos(self);
            long stored;
            try (Stream<Path> s = Files.list(dir.resolve("maildir/new"))) {
                stored = s.count();
            }
            if (stored != messages || listener.acceptedCount() != messages) {
                throw new IllegalStateException("the listener stored " + stored + " of " + messages + " messages");
            }
            return new double[] {rate, (cpu1[0] + cpu1[1] - cpu0[0] - cpu0[1]) / 1e3 / messages,
                (cpu1[1] - cpu0[1]) / 1e3 / messages};
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
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
