package dev.mailwright.benchmarks.smtp;

import dev.mailwright.core.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Mailwright alone into {@code smtp-sink}, round after round on a fresh pool, printing for each
 * round the rate and this JVM's CPU time per message and as a share of the wall time. It shows why
 * the one-connection figure of {@link SmtpThroughputBenchmark} is bimodal: the CPU per message
 * stays the same, the waiting between round trips does not.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.smtp.ConnectionRounds 1 10 10000}
 * (connections, rounds, messages per round).
 */
public final class ConnectionRounds {
    private ConnectionRounds() {
    }

    /** @param args connections, rounds, messages per round */
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int port = Peers.freePort();
        String sink = Peers.require("smtp-sink", "postfix").toString();
        try (Peers.PeerProcess ignored = Peers.start(port, List.of(sink, "-u", "nobody", "127.0.0.1:" + port, "1000"))) {
            BenchMessages data = new BenchMessages();
            for (int r = 1; r <= rounds; r++) {
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                double rate = SmtpThroughputBenchmark.mailwright(port, data, connections, messages, null);
                long cpu = processCpuNanos() - cpu0;
                long wall = System.nanoTime() - t0;
                System.out.printf(Locale.ROOT, "round %2d  x%d  %7.0f msg/s  JVM CPU %5.1f us/msg  (%3.0f %% of one core)%n", r,
                        connections, rate, cpu / 1e3 / messages, 100.0 * cpu / wall);
            }
        }
    }

    /** @return user plus system CPU time of this process, from /proc (10 ms resolution) */
    private static long processCpuNanos() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }
}
