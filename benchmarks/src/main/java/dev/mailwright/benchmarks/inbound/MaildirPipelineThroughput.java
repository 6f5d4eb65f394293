package dev.mailwright.benchmarks.inbound;

import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Replies per second through the maildir pipeline (all stages, the durable ledger and filing) for
 * 4 KB replies laid out as Postfix writes them, and the heap after a full GC at checkpoints, to
 * show whether memory stays flat, with the size of the memory-mapped buffers (the ledger indexes,
 * which live in the page cache rather than on the heap).
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -Xmx256m -cp
 * benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.inbound.MaildirPipelineThroughput 100000 /var/tmp
 * 2} (arguments: message count, work directory on the disk to measure, pipeline workers on the one
 * maildir, as several processes would run).
 */
public final class MaildirPipelineThroughput {
    private MaildirPipelineThroughput() {
    }

    /**
     * @param args message count (default 20000), work directory (default the temp directory),
     *     pipeline workers on the one maildir (default 2, one per core)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path base = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")),
                "mw-pipeline-bench");
        Path maildir = base.resolve("mail/reply");
        try {
            long t0 = System.nanoTime();
            fill(maildir, count);
            System.out.printf("prepared %d replies of 4 KB in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            run(maildir, base.resolve("state"), count, args.length > 2 ? Integer.parseInt(args[2]) : 2);
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

    /** @return the bytes of memory-mapped buffers still reachable (the ledger indexes live there) */
    private static long mappedBytes() {
        return ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("mapped")).mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed)
                .sum();
    }

    private static void run(Path maildir, Path state, int count, int workers) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong handled = new AtomicLong();
        System.gc();
        System.out.printf("heap after GC at start: %.1f MB%n", memory.getHeapMemoryUsage().getUsed() / 1e6);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong cpuNanos = new AtomicLong();
        List<BatchSummary> summaries = new CopyOnWriteArrayList<>();
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                try (InboundPipeline pipeline = InboundPipeline.builder().keyRing(BenchMessages.KEYS)
                                .hostname(BenchMessages.HOST).ledgerDirectory(state).batchSize(256)
                                .handler(reply -> handled.incrementAndGet()).build();
                        MaildirSource source = MaildirSource.builder(maildir).open()) {
                    summaries.add(pipeline.drain(source));
                }
                cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu0);
            }, "pipeline-" + w);
            t.start();
            running.add(t);
        }
        long step = Math.max(count / 10, 1);
        long next = step;
        while (running.stream().anyMatch(Thread::isAlive)) {
            if (handled.get() >= next) {
                System.gc();
                System.out.printf("  after %,d replies: heap after GC %.1f MB, mapped %.1f MB%n", handled.get(),
                        memory.getHeapMemoryUsage().getUsed() / 1e6, mappedBytes() / 1e6);
                next += step;
            }
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        BatchSummary total = summaries.stream().reduce(BatchSummary.EMPTY, BatchSummary::plus);
        double cpu = cpuNanos.get() / 1e9;
        System.gc();
        System.out.printf("  at the end: heap after GC %.1f MB, mapped %.1f MB%n", memory.getHeapMemoryUsage().getUsed() / 1e6,
                mappedBytes() / 1e6);
        System.out.printf("%s with %d worker(s)%nreplies/s: %.0f (%d delivered in %.2f s wall, checkpoint GCs included)%n"
                + "pipeline threads CPU: %.2f s = %.0f us per reply = %.0f replies per CPU-second%n"
                + "load average at the end: %.2f on %d cores%n", total, workers, total.delivered() / seconds,
                total.delivered(), seconds, cpu, cpu * 1e6 / total.delivered(), total.delivered() / cpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        if (total.delivered() != count || handled.get() != count) {
            throw new IllegalStateException("expected " + count + " deliveries, got " + total + " / " + handled);
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
