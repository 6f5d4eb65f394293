package dev.mailwright.benchmarks.smtp;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.SmtpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load harness: notifications of about 4 KB into Postfix's {@code smtp-sink} on 127.0.0.1, in one
 * run and interleaved rounds: Mailwright over 1, 4 and 16 connections; plain Angus Mail
 * ({@code Transport.send} per message, and one reused connection per thread at 1, 4 and 16);
 * Simple Java Mail's batch pool (max 4 connections); and {@code smtp-source -d} at 1, 4 and 16
 * sessions as the ceiling. Mailwright also runs DKIM-signed at 1 and 4 connections with an
 * RSA-2048 key, an Ed25519 key and both (dual), each printed beside the unsigned rate. Prints
 * messages per second (median of the rounds) and the ratios.
 *
 * <p>Run (needs postfix's smtp-sink and smtp-source):
 * <pre>
 * mvn -B -q -o -pl benchmarks -am -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.smtp.SmtpThroughputBenchmark 3000 3
 * </pre>
 * Arguments: messages per scenario and round (default 3000), rounds (default 3), and optionally a
 * substring of the scenario names to run only those ({@code "mailwright x4"}; {@code "mailwright"}
 * runs the unsigned and signed Mailwright scenarios). For experiments,
 * {@code -Dbench.mail.smtp.NAME=VALUE} passes the session property {@code mail.smtp.NAME} to
 * Mailwright's transport.
 */
public final class SmtpThroughputBenchmark {
    private static final int[] CONNECTIONS = {1, 4, 16};
    private static final Map<String, Object> EXTRA = new LinkedHashMap<>();

    static {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.mail."))
                .forEach(k -> EXTRA.put(k.substring("bench.".length()), System.getProperty(k)));
    }

    private SmtpThroughputBenchmark() {
    }

    /** @param args messages per scenario, rounds */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "";
        int port = Peers.freePort();
        String sink = Peers.require("smtp-sink", "postfix").toString();
        String source = Peers.require("smtp-source", "postfix").toString();
        try (Peers.PeerProcess ignored = Peers.start(port, List.of(sink, "-u", "nobody", "127.0.0.1:" + port, "1000"))) {
            BenchMessages data = new BenchMessages();
            System.out.printf(Locale.ROOT, "message size: %d bytes (Mailwright's composed notification)%n", data.mailwrightSize());
            Map<String, Scenario> scenarios = scenarios(port, data, source);
            scenarios.keySet().removeIf(k -> !k.contains(only));
            for (Scenario s : scenarios.values()) {
                s.run(Math.min(500, messages)); // warm-up, not counted
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
                    double rate = e.getValue().run(messages);
                    rates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(rate);
                    System.out.printf(Locale.ROOT, "round %d  %-28s %8.0f msg/s%n", r, e.getKey(), rate);
                }
            }
            report(rates);
        }
    }

    private static Map<String, Scenario> scenarios(int port, BenchMessages data, String source) {
        Map<String, Scenario> s = new LinkedHashMap<>();
        for (int c : CONNECTIONS) {
            s.put("mailwright x" + c, n -> mailwright(port, data, c, n, null));
        }
        for (int c : new int[] {1, 4}) {
            DkimKeysForBench.SIGNERS.forEach((name, signer) -> s.put("mailwright dkim-" + name + " x" + c,
                    n -> mailwright(port, data, c, n, signer)));
        }
        s.put("angus Transport.send x1", n -> AngusBaselines.sendPerMessage(port, data, n));
        for (int c : CONNECTIONS) {
            s.put("angus reused conn x" + c, n -> AngusBaselines.reusedPerThread(port, data, c, n));
        }
        s.put("simple-java-mail batch x4", n -> AngusBaselines.simpleJavaMail(port, data, 4, n));
        for (int c : CONNECTIONS) {
            s.put("smtp-source -d x" + c, n -> smtpSource(source, port, c, n));
        }
        return s;
    }

    /** One measured scenario. */
    interface Scenario {
        /** @return messages per second for n messages */
        double run(int n) throws Exception;
    }

    static double mailwright(int port, BenchMessages data, int connections, int n,
            dev.mailwright.core.dkim.DkimSigner signer) throws Exception {
        EmailSettings settings = EmailSettings.builder().smtpHost("127.0.0.1").port(port).security(ConnectionSecurity.NONE)
                .noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com").heloDomain("ghe.example.com").build();
        SmtpTransport transport = SmtpTransport.builder().settings(settings).maxConnections(connections)
                .maxMessagesPerConnection(100_000).connectionWait(Duration.ofSeconds(30))
                .sessionProperties(Map.copyOf(EXTRA)).build();
        AtomicInteger failures = new AtomicInteger();
        NotificationMailer.Builder b = NotificationMailer.builder().settings(settings).keyRing(KeyRing.of(new byte[32]))
                .transport(transport);
        if (signer != null) {
            b.dkimSigner(signer);
        }
        try (NotificationMailer mailer = b.build()) {
            return parallel(connections, n, i -> {
                SendResult r = mailer.send(data.notification(i));
                if (!r.isSent()) {
                    failures.incrementAndGet();
                }
            }, failures);
        }
    }

    /** Runs n tasks over the given number of threads and returns tasks per second. */
    static double parallel(int threads, int n, IndexedTask task, AtomicInteger failures) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    try {
                        task.run(i);
                    } catch (Exception | Error e) {
                        errors.add(e);
                        return;
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        long nanos = System.nanoTime() - start;
        if (!errors.isEmpty() || failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " failed sends, errors: " + errors, errors.isEmpty() ? null : errors.get(0));
        }
        return n / (nanos / 1e9);
    }

    /** A task for message i. */
    interface IndexedTask {
        /** @param i the message index */
        void run(int i) throws Exception;
    }

    static double smtpSource(String program, int port, int sessions, int n) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(program, "-d", "-s", Integer.toString(sessions), "-m", Integer.toString(n), "-l", "4096",
                "-f", "noreply@ghe.example.com", "-t", "octocat@example.com", "127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("smtp-source failed: " + out);
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void report(Map<String, List<Double>> rates) {
        Map<String, Double> median = new LinkedHashMap<>();
        rates.forEach((k, v) -> {
            List<Double> sorted = v.stream().sorted().toList();
            median.put(k, sorted.get(sorted.size() / 2));
        });
        double bestJava = median.entrySet().stream().filter(e -> e.getKey().startsWith("angus") || e.getKey().startsWith("simple"))
                .mapToDouble(Map.Entry::getValue).max().orElse(Double.NaN);
        System.out.println();
        System.out.println("| scenario | msg/s (median) | vs smtp-source -d, same connections | vs best Java alternative |");
        System.out.println("|---|---|---|---|");
        median.forEach((k, v) -> {
            String c = k.substring(k.lastIndexOf('x') + 1);
            Double ceiling = median.get("smtp-source -d x" + c);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %s | %.2f |%n", k, v,
                    ceiling == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v / ceiling), v / bestJava);
        });
        System.out.printf(Locale.ROOT, "best Java alternative: %.0f msg/s%n", bestJava);
        dkimReport(median);
    }

    private static void dkimReport(Map<String, Double> median) {
        System.out.println();
        System.out.println("| DKIM | connections | msg/s (median) | vs unsigned, same connections |");
        System.out.println("|---|---|---|---|");
        median.forEach((k, v) -> {
            if (k.startsWith("mailwright dkim-")) {
                String c = k.substring(k.lastIndexOf('x') + 1);
                Double unsigned = median.get("mailwright x" + c);
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %s |%n", k.substring("mailwright dkim-".length(),
                        k.lastIndexOf(' ')), c, v, unsigned == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v / unsigned));
            }
        });
    }
}
