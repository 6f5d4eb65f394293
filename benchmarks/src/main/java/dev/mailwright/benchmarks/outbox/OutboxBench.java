package dev.mailwright.benchmarks.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** What the outbox's benchmarks share: running work on threads, medians, the machine's load. */
final class OutboxBench {
    private OutboxBench() {
    }

    /** One call of the measured operation, numbered from 0. */
    @FunctionalInterface
    interface Call {
        void run(int i) throws Exception;
    }

    /**
     * @param threads threads calling at once
     * @param n calls in all
     * @param offset added to each call's number (so that keys stay unique across runs)
     * @param call the call
     * @return calls per second
     */
    static double rate(int threads, int n, int offset, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        call.run(offset + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return this process's CPU time so far */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Prints the process's CPU time per message since {@code cpu0} (the benchmark's own JVM only). */
    static void cpuPerMessage(String what, long cpu0, int n) {
        System.out.printf(Locale.ROOT, "    %s: %.0f us of this JVM's CPU per message%n", what, (cpuNanos() - cpu0) / 1e3 / n);
    }

    /**
     * @return CPU nanoseconds of every thread of this process, the JVM's own included (from
     *     /proc/self/task: names cut to 15 characters), summed per name without its trailing number
     */
    static Map<String, Long> threadCpu() {
        Map<String, Long> out = new java.util.TreeMap<>();
        long tick = 10_000_000L; // USER_HZ = 100 on Linux
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                    out.merge(name.replaceAll("[-#]?\\d+$", ""), cpu, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Prints the CPU per message of each thread group whose share grew since {@code before}. */
    static void threadCpuPerMessage(Map<String, Long> before, int n) {
        threadCpu().forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 5_000_000) {
                System.out.printf(Locale.ROOT, "      %-40s %6.1f us/message%n", k, d / 1e3 / n);
            }
        });
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    static void printMedians(Map<String, List<Double>> rates, String unit) {
        System.out.println();
        System.out.println("| scenario | " + unit + " (median) | rounds |");
        System.out.println("|---|---|---|");
        rates.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %s |%n", k, median(v),
                v.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList()));
    }

    /** Prints the load average beside the numbers: the machine is shared. */
    static void uptime(String when) {
        try {
            System.out.println("uptime (" + when + "): " + Files.readString(Path.of("/proc/loadavg")).strip());
        } catch (IOException e) {
            System.out.println("uptime: unknown (" + e + ")");
        }
    }

    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("cannot delete " + dir + ": " + e);
        }
    }
}
