package dev.mailwright.benchmarks.dkim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ratio of {@link DkimSigningBenchmark}'s {@code sign} to {@code bareSignature}, measured as
 * thread CPU time in interleaved rounds, so that it holds on a machine busy with other work (JMH's
 * wall-clock scores do not, there). Prints the median CPU time per operation of each and the ratio
 * (target: at most 1.2), for RSA-2048 and Ed25519, and the other provider's bare signature.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -cp benchmarks/target/benchmarks.jar
 * dev.mailwright.benchmarks.dkim.DkimSigningCpuRatio 15}
 * (argument: rounds, default 15; each round times 200 Ed25519 or 40 RSA operations of each kind).
 */
public final class DkimSigningCpuRatio {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private DkimSigningCpuRatio() {
    }

    /** @param args rounds */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.println("| key | sign (CPU us/op) | bare signature (CPU us/op) | ratio | other provider's bare signature (CPU us/op) |");
        System.out.println("|---|---|---|---|---|");
        for (String key : new String[] {"rsa-2048", "ed25519"}) {
            DkimSigningBenchmark b = new DkimSigningBenchmark();
            b.key = key;
            b.setUp();
            int n = key.startsWith("rsa") ? 40 : 200;
            List<Double> sign = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            List<Double> other = new ArrayList<>();
            for (int r = -3; r < rounds; r++) { // three warm-up rounds
                double s = time(n, b::sign);
                double f = time(n, b::bareSignature);
                double o = time(Math.max(4, n / 10), b::bareSignatureOtherProvider);
                if (r >= 0) {
                    sign.add(s);
                    bare.add(f);
                    other.add(o);
                }
            }
            double ms = median(sign);
            double mb = median(bare);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.0f |%n", key, ms, mb, ms / mb, median(other));
        }
    }

    /** A benchmark operation. */
    interface Op {
        /** @return anything, kept from dead-code elimination */
        Object run() throws Exception;
    }

    private static double time(int n, Op op) throws Exception {
        int sink = 0;
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += op.run().hashCode();
        }
        long cpu = CPU.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return cpu / 1000.0 / n;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
