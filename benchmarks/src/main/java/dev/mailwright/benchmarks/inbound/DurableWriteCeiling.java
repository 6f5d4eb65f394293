package dev.mailwright.benchmarks.inbound;

import dev.mailwright.inbound.internal.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ceiling the disk sets for any receiver that acknowledges a message only once it is durable
 * in a maildir: 4 KB files written to {@code tmp/}, fsynced, renamed into {@code new/} and
 * {@code new/} fsynced — one at a time, from several threads at once, and in groups that share
 * the directory sync. No SMTP, no parsing: only the file-system work the listener cannot avoid.
 * For comparison, two things a listener does not do: the same files without any sync (what
 * creating, writing and renaming a file costs by itself), and 4 KB records appended to one
 * preallocated journal file with one {@code fdatasync} per group of 1, 4 or 16 records (what a
 * group-committed journal would cost instead). Last, the latency of one durable 4 KB record
 * written by one or by four threads at once, with {@code fdatasync} or {@code O_DIRECT | O_DSYNC}:
 * the wait every acknowledgement of a durable receiver contains.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.inbound.DurableWriteCeiling 2000 /var/tmp}
 */
public final class DurableWriteCeiling {
    private static final byte[] DATA = new byte[4096];

    private DurableWriteCeiling() {
    }

    /**
     * @param args the number of files per mode and the directory to write under (on the disk to measure)
     * @throws Exception when the directory cannot be written
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path base = Path.of(args.length > 1 ? args[1] : "/var/tmp");
        run(base, n, "one at a time", 1, 1);
        run(base, n, "4 threads", 4, 1);
        run(base, n, "groups of 4", 1, 4);
        run(base, n, "groups of 16", 1, 16);
        noSync(base, n);
        for (int group : new int[] {1, 4, 16}) {
            journal(base, n, group);
        }
        for (int threads : new int[] {1, 4}) {
            concurrentRecords(base, n, threads, false);
            concurrentRecords(base, n, threads, true);
        }
    }

    /**
     * How long one durable 4 KB write takes when {@code threads} sessions write at once, each its
     * own record at its own offset of a preallocated file: either {@code write} then
     * {@code fdatasync}, or one {@code O_DIRECT | O_DSYNC} write. This latency is what every
     * transaction of a receiver that acknowledges only durable messages waits for, whatever its
     * design.
     */
    private static void concurrentRecords(Path base, int n, int threads, boolean direct) throws Exception {
        Path dir = Files.createTempDirectory(base, "durable-");
        Path file = dir.resolve("records");
        try (FileChannel pre = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            preallocate(pre, (long) n * DATA.length);
        }
        FileChannel ch = direct
                ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC, com.sun.nio.file.ExtendedOpenOption.DIRECT)
                : FileChannel.open(file, StandardOpenOption.WRITE);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long[] latencies = new long[n];
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        try (ch) {
            onThreads(threads, t -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(2 * DATA.length).alignedSlice(DATA.length);
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    buffer.clear();
                    buffer.put(DATA).flip();
                    long start = System.nanoTime();
                    while (buffer.hasRemaining()) {
                        ch.write(buffer, (long) i * DATA.length + buffer.position());
                    }
                    if (!direct) {
                        ch.force(false);
                    }
                    latencies[i] = System.nanoTime() - start;
                }
            });
        }
        String name = (direct ? "O_DIRECT|O_DSYNC" : "write+fdatasync") + " x" + threads;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (cpuNanos() - cpu0) / 1e3 / n;
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-22s %7.0f records/s %5.0f us CPU per record, latency p50 %4.0f us, p99 %5.0f us%n",
                name, n / seconds, cpuMicros, sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3);
        delete(dir);
    }

    private static void noSync(Path base, int n) throws IOException {
        Path dir = Files.createTempDirectory(base, "durable-");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path fresh = Files.createDirectories(dir.resolve("new"));
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (FileChannel ch = FileChannel.open(tmp.resolve("m" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(DATA));
            }
            Files.move(tmp.resolve("m" + i), fresh.resolve("m" + i), StandardCopyOption.ATOMIC_MOVE);
        }
        report("files, no sync", n, t0, cpu0);
        delete(dir);
    }

    private static void journal(Path base, int n, int group) throws IOException {
        Path dir = Files.createTempDirectory(base, "durable-");
        Path file = dir.resolve("journal");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            preallocate(ch, (long) n * DATA.length); // appends below change no metadata
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ch.write(ByteBuffer.wrap(DATA), (long) i * DATA.length);
                if ((i + 1) % group == 0 || i == n - 1) {
                    ch.force(false);
                }
            }
            report("journal, sync/" + group, n, t0, cpu0);
        }
        delete(dir);
    }

    private static void report(String name, int n, long t0, long cpu0) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (cpuNanos() - cpu0) / 1e3 / n;
        System.out.printf(Locale.ROOT, "%-16s %7.0f files/s   %5.0f us CPU per file%n", name, n / seconds, cpuMicros);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void run(Path base, int n, String name, int threads, int group) throws Exception {
        Path dir = Files.createTempDirectory(base, "durable-");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path fresh = Files.createDirectories(dir.resolve("new"));
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        onThreads(threads, first -> {
            for (int i = first * group; i < n; i += threads * group) {
                writeGroup(tmp, fresh, i, Math.min(group, n - i));
            }
        });
        report(name, n, t0, cpu0);
        delete(dir);
    }

    /** Work of one thread, given its number. */
    private interface Work {
        void run(int thread) throws IOException;
    }

    /** Runs {@code work} on {@code threads} threads and waits for all; the first failure is thrown. */
    private static void onThreads(int threads, Work work) throws Exception {
        List<Thread> workers = new ArrayList<>();
        List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int number = t;
            Thread w = new Thread(() -> {
                try {
                    work.run(number);
                } catch (IOException e) {
                    errors.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    /** Fills a file with zeros and syncs it, so that writes into it later change no metadata. */
    private static void preallocate(FileChannel ch, long bytes) throws IOException {
        DurableFiles.fillWithZeros(ch, bytes);
        ch.force(true);
    }

    private static void writeGroup(Path tmp, Path fresh, int first, int count) throws IOException {
        List<FileChannel> open = new ArrayList<>();
        try {
            for (int i = first; i < first + count; i++) {
                FileChannel ch = FileChannel.open(tmp.resolve("m" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                open.add(ch);
                ch.write(ByteBuffer.wrap(DATA));
            }
            for (FileChannel ch : open) {
                ch.force(true);
            }
        } finally {
            for (FileChannel ch : open) {
                ch.close();
            }
        }
        for (int i = first; i < first + count; i++) {
            Files.move(tmp.resolve("m" + i), fresh.resolve("m" + i), StandardCopyOption.ATOMIC_MOVE);
        }
        try (FileChannel d = FileChannel.open(fresh, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }
}
