package dev.mailwright.benchmarks.inbound;

import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Replies per second through the maildir pipeline (all stages, the durable ledger and filing) for
 * 4 KB replies laid out as Postfix writes them, and the heap after a full GC at checkpoints, to
 * show whether memory stays flat.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -Xmx256m -cp
 * benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.inbound.MaildirPipelineThroughput 100000 /var/tmp}
 * (arguments: message count, work directory on the disk to measure).
 */
public final class MaildirPipelineThroughput {
    private MaildirPipelineThroughput() {
    }

    /** @param args message count (default 20000), work directory (default the temp directory) */
    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path base = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")),
                "mw-pipeline-bench");
        Path maildir = base.resolve("mail/reply");
        try {
            long t0 = System.nanoTime();
            fill(maildir, count);
            System.out.printf("prepared %d replies of 4 KB in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            run(maildir, base.resolve("state"), count);
        } finally {
            delete(base);
        }
    }

    private static void fill(Path maildir, int count) throws IOException {
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(d));
        }
        for (int i = 0; i < count; i++) {
            String name = (1414630039 + i) + ".Vfc00I" + Integer.toHexString(i) + "M" + i + ".bench";
            Path tmp = maildir.resolve("tmp").resolve(name);
            Files.write(tmp, BenchMessages.reply(i, 4096).getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, maildir.resolve("new").resolve(name));
        }
    }

    private static void run(Path maildir, Path state, int count) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong handled = new AtomicLong();
        int step = Math.max(count / 10, 1);
        System.gc();
        long heapStart = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("heap after GC at start: %.1f MB%n", heapStart / 1e6);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long[] pausedNanos = {0};
        try (InboundPipeline pipeline = InboundPipeline.builder().keyRing(BenchMessages.KEYS).hostname(BenchMessages.HOST)
                        .ledgerDirectory(state).batchSize(256).handler(reply -> {
                            long n = handled.incrementAndGet();
                            if (n % step == 0) {
                                long p = System.nanoTime();
                                System.gc();
                                System.out.printf("  after %,d replies: heap after GC %.1f MB%n", n,
                                        memory.getHeapMemoryUsage().getUsed() / 1e6);
                                pausedNanos[0] += System.nanoTime() - p;
                            }
                        }).build();
                MaildirSource source = MaildirSource.builder(maildir).open()) {
            BatchSummary summary = pipeline.drain(source);
            double seconds = (System.nanoTime() - start - pausedNanos[0]) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpuStart - pausedNanos[0]) / 1e9;
            System.out.printf("%s%nreplies/s: %.0f (%d delivered in %.2f s wall, GC checkpoints excluded)%n"
                    + "pipeline thread CPU: %.2f s = %.0f us per reply = %.0f replies per CPU-second%n"
                    + "load average at the end: %.2f on %d cores%n", summary,
                    summary.delivered() / seconds, summary.delivered(), seconds, cpu, cpu * 1e6 / summary.delivered(),
                    summary.delivered() / cpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            if (summary.delivered() != count) {
                throw new IllegalStateException("expected " + count + " deliveries, got " + summary);
            }
        }
    }

    private static void delete(Path base) throws IOException {
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
