package dev.mailwright.benchmarks.inbound;

import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.core.testing.Dovecot;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.ImapSource;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MailboxAccount;
import dev.mailwright.inbound.MaildirSource;
import dev.mailwright.inbound.spi.MailSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Replies per second from a real Dovecot over IMAP (IMAPS on loopback, MOVE into the processed
 * folder) into the pipeline, against the maildir source in the same run, for 4 KB replies; and the
 * heap after a full GC at ten checkpoints of the IMAP run, to show that memory stays flat.
 * One pipeline thread for each source, the same batch size, the same ledger code.
 *
 * <p>Dovecot stores the mailbox in {@code mdbox} by default, the format recommended in
 * {@code docs/inbound.md}: in a {@code maildir}, each {@code UID MOVE} costs Dovecot time in
 * proportion to the messages left in the folder, so the rate falls as the mailbox grows (pass
 * {@code maildir} as the second argument to see it). Dovecot keeps no raw log of the session here.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -Xmx256m -cp
 * benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.inbound.ImapPipelineThroughput 100000}
 * (arguments: message count, default 20000; Dovecot's mailbox format, {@code mdbox} (default),
 * {@code sdbox} or {@code maildir}; needs Dovecot, see {@code scripts/install-peers.sh}).
 */
public final class ImapPipelineThroughput {
    private ImapPipelineThroughput() {
    }

    /** @param args message count (default 20000), Dovecot's mailbox format (default mdbox) */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path base = Files.createTempDirectory("mw-imap-bench");
        String format = args.length > 1 ? args[1] : "mdbox";
        try (Dovecot dovecot = Dovecot.builder().mailFormat(format).withoutRawlog().start()) {
            Path maildir = base.resolve("mail/reply");
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                byte[] reply = BenchMessages.reply(i, 4096).getBytes(StandardCharsets.UTF_8);
                deliver(maildir, i, reply);
                dovecot.deliver(reply);
            }
            dovecot.indexDelivered();
            System.out.printf("prepared %d replies of 4 KB in a maildir and in Dovecot's INBOX (%s, indexed) in %.1f s%n", count,
                    format, (System.nanoTime() - t0) / 1e9);
            double maildirRate = run("maildir", count, base.resolve("state-maildir"),
                    () -> MaildirSource.builder(maildir).open(), false, () -> 0);
            MailboxAccount account = MailboxAccount.builder(URI.create("imaps://" + dovecot.user().replace("@", "%40")
                            + "@127.0.0.1:" + dovecot.imapsPort() + "/INBOX"))
                    .password(Secret.of(dovecot.password())).trust(TrustedCertificates.fromPem(dovecot.certificate())).build();
            double imapRate = run("IMAP", count, base.resolve("state-imap"),
                    () -> ImapSource.builder(account).stateDirectory(base.resolve("state-imap/imap")).open(), true,
                    dovecot::cpuSeconds);
            System.out.printf("IMAP / maildir: %.2f (target >= 0.5)%nload average at the end: %.2f on %d cores%n",
                    imapRate / maildirRate, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        } finally {
            delete(base);
        }
    }

    private static void deliver(Path maildir, int i, byte[] reply) throws IOException {
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(d));
        }
        String name = (1414630039 + i) + ".Vfc00I" + Integer.toHexString(i) + "M" + i + ".bench";
        Files.write(maildir.resolve("tmp").resolve(name), reply);
        Files.move(maildir.resolve("tmp").resolve(name), maildir.resolve("new").resolve(name));
    }

    private static double run(String name, int count, Path state, Supplier<MailSource> sources, boolean checkpoints,
            java.util.function.DoubleSupplier serverCpu) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        long jvmCpu0 = os.getProcessCpuTime();
        double serverCpu0 = serverCpu.getAsDouble();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong handled = new AtomicLong();
        BatchSummary[] total = {BatchSummary.EMPTY};
        System.gc();
        System.out.printf("%s: heap after GC at start %.1f MB%n", name, memory.getHeapMemoryUsage().getUsed() / 1e6);
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            try (InboundPipeline pipeline = InboundPipeline.builder().keyRing(BenchMessages.KEYS).hostname(BenchMessages.HOST)
                            .ledgerDirectory(state).batchSize(256).handler(reply -> handled.incrementAndGet()).build();
                    MailSource source = sources.get()) {
                total[0] = pipeline.drain(source);
            }
        }, "pipeline-" + name);
        t.start();
        long step = Math.max(count / 10, 1);
        long next = step;
        while (t.isAlive()) {
            if (checkpoints && handled.get() >= next) {
                System.gc();
                System.out.printf("  after %,d replies (%.1f s): heap after GC %.1f MB%n", handled.get(),
                        (System.nanoTime() - start) / 1e9, memory.getHeapMemoryUsage().getUsed() / 1e6);
                next += step;
            }
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpu = (os.getProcessCpuTime() - jvmCpu0) / 1e9;
        double server = serverCpu.getAsDouble() - serverCpu0;
        System.out.printf("%s: CPU %.0f us per reply in this JVM, %.0f us per reply in Dovecot's processes%n", name,
                jvmCpu * 1e6 / count, server * 1e6 / count);
        System.gc();
        System.out.printf("%s: %s; %.0f replies/s (%d in %.2f s%s); heap after GC at the end %.1f MB%n", name, total[0],
                total[0].delivered() / seconds, total[0].delivered(), seconds, checkpoints ? ", checkpoint GCs included" : "",
                memory.getHeapMemoryUsage().getUsed() / 1e6);
        if (total[0].delivered() != count || handled.get() != count) {
            throw new IllegalStateException(name + ": expected " + count + " deliveries, got " + total[0] + " / " + handled);
        }
        return total[0].delivered() / seconds;
    }

    private static void delete(Path base) throws IOException {
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
